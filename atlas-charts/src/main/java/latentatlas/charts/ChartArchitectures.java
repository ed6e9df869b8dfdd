package latentatlas.charts;

import latentatlas.InvalidInputException;

import java.util.Map;

/** Rebuilds a chart's architecture from the description its manifest recorded. */
public final class ChartArchitectures {
    private ChartArchitectures() {
    }

    /**
     * @param description what {@link NetworkArchitecture#describe()} wrote; {@code name} selects the kind
     * @return the architecture
     */
    public static ChartArchitecture of(Map<String, Object> description) {
        Object name = description.get("name");
        if (SmallCnn.NAME.equals(name)) {
            return SmallCnn.of(description);
        }
        if (MlpHead.NAME.equals(name)) {
            return MlpHead.of(description);
        }
        throw new InvalidInputException("chart architecture: unknown name '" + name + "', expected "
                + SmallCnn.NAME + " or " + MlpHead.NAME + ": the chart was written by another version of latent-atlas");
    }
}
