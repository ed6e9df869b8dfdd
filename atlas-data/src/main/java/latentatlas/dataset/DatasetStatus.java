package latentatlas.dataset;

/**
 * Whether a known dataset is available on this machine, for {@code atlas datasets} and for the tests
 * that need it (they are skipped with {@link #reason()} when it is absent).
 *
 * @param spec how {@code --dataset} names it, e.g. {@code fashion-mnist} or {@code cifar10:DIR}
 * @param description what it is (classes, samples, kind)
 * @param found whether its files were found ({@code false} for the forms that need a folder)
 * @param location where it was looked for, or what folder to give
 * @param install how to get it when missing
 */
public record DatasetStatus(String spec, String description, boolean found, String location, String install) {
    /**
     * @return one line saying where the dataset was found, or why it is not available and how to get it,
     *     e.g. {@code clinc150 not found in /work/shared/data/clinc150; to get it: copy data_full.json ...}
     */
    public String reason() {
        if (found) {
            return spec + " found in " + location;
        }
        if (spec.endsWith(":DIR")) {
            return spec + " needs a folder: " + location;
        }
        return spec + " not found in " + location + "; to get it: " + install;
    }
}
