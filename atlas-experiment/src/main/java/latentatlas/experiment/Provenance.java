package latentatlas.experiment;

import ai.djl.engine.Engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a number comes from (after Tribuo's {@code ModelProvenance}): the versions of the tool, DJL,
 * PyTorch and Java, the operating system and processor count, recorded with every result.
 */
public final class Provenance {
    private Provenance() {
    }

    /** @return library, runtime and machine facts, in a stable key order */
    public static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        String version = Provenance.class.getPackage().getImplementationVersion();
        env.put("latent_atlas", version == null ? "0.1.0-SNAPSHOT" : version);
        env.put("djl", Engine.getDjlVersion());
        env.put("pytorch", Engine.getEngine("PyTorch").getVersion());
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("processors", Runtime.getRuntime().availableProcessors());
        return env;
    }
}
