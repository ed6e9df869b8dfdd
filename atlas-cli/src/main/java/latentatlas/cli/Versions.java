package latentatlas.cli;

import ai.djl.engine.Engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The library versions a result depends on, for provenance in JSON outputs. */
final class Versions {
    private Versions() {
    }

    /** @return latent-atlas, Java, OS, DJL and engine versions */
    static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        String own = Versions.class.getPackage().getImplementationVersion();
        v.put("latentAtlas", own == null ? "0.1.0-SNAPSHOT" : own);
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        v.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        v.put("engine", engine.getEngineName() + " " + engine.getVersion());
        return v;
    }
}
