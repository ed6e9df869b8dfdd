package latentatlas.dataset;

import java.nio.file.Path;

/**
 * Where the datasets live on this machine.
 *
 * <p>The shared data folder (CLINC150, Banking77) is, in order of precedence: the system property
 * {@code atlas.shared.data}; the environment variable {@code ATLAS_SHARED_DATA};
 * {@code ${atlas.repo}/../shared/data} when the system property {@code atlas.repo} (set by the
 * launcher and by the tests to the repository root) is set; else {@code ../shared/data} from the
 * working directory. Fashion-MNIST is read from the system property {@code atlas.fashion-mnist}, else
 * the environment variable {@code ATLAS_FASHION_MNIST}, else {@value #FASHION_MNIST_DEFAULT} (where
 * the Debian package {@code dataset-fashion-mnist} installs it).
 */
public final class DataPaths {
    /** Where the Debian package {@code dataset-fashion-mnist} installs the four IDX files. */
    public static final String FASHION_MNIST_DEFAULT = "/usr/share/datasets/fashion-mnist";

    private DataPaths() {
    }

    /** @return the shared data folder (it may not exist) */
    public static Path sharedData() {
        String explicit = setting("atlas.shared.data", "ATLAS_SHARED_DATA");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String repo = System.getProperty("atlas.repo");
        if (repo != null && !repo.isBlank()) {
            return Path.of(repo).resolve("../shared/data").normalize();
        }
        return Path.of("../shared/data").toAbsolutePath().normalize();
    }

    /** @return the Fashion-MNIST folder (it may not exist) */
    public static Path fashionMnist() {
        String explicit = setting("atlas.fashion-mnist", "ATLAS_FASHION_MNIST");
        return Path.of(explicit != null ? explicit : FASHION_MNIST_DEFAULT);
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
