package latentatlas.dataset;

/**
 * Whether a known dataset is available on this machine, for {@code atlas datasets}.
 *
 * @param spec how {@code --dataset} names it, e.g. {@code fashion-mnist} or {@code cifar10:DIR}
 * @param description what it is (classes, samples, kind)
 * @param found whether its files were found ({@code false} for the forms that need a folder)
 * @param location where it was looked for, or what folder to give
 * @param install how to get it when missing
 */
public record DatasetStatus(String spec, String description, boolean found, String location, String install) {
}
