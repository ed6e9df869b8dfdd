package latentatlas.charts;

import latentatlas.InvalidInputException;

import java.util.List;
import java.util.Map;

/** Rebuilds a chart's architecture from the description its manifest recorded. */
public final class ChartArchitectures {
    /** The image architectures by name, trained from scratch on pixels: {@code small-cnn}, {@code resnet}, {@code mlp}. */
    public static final List<String> IMAGE_NAMES = List.of(SmallCnn.NAME, ResidualCnn.NAME, PixelMlp.NAME);

    private ChartArchitectures() {
    }

    /**
     * @param name one of {@link #IMAGE_NAMES}
     * @return the factory of that image architecture
     * @throws InvalidInputException (input {@code charts}) for another name
     */
    public static ChartArchitecture.Factory imageFactory(String name) {
        return switch (name) {
            case SmallCnn.NAME -> SmallCnn.factory();
            case ResidualCnn.NAME -> ResidualCnn.factory();
            case PixelMlp.NAME -> PixelMlp.factory();
            default -> throw new InvalidInputException(List.of("charts"), "image chart architecture '" + name
                    + "' is unknown; expected one of " + String.join(", ", IMAGE_NAMES));
        };
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
        if (ResidualCnn.NAME.equals(name)) {
            return ResidualCnn.of(description);
        }
        if (PixelMlp.NAME.equals(name)) {
            return PixelMlp.of(description);
        }
        if (MlpHead.NAME.equals(name)) {
            return MlpHead.of(description);
        }
        throw new InvalidInputException("chart architecture: unknown name '" + name + "', expected one of "
                + String.join(", ", IMAGE_NAMES) + ", " + MlpHead.NAME
                + ": the chart was written by another version of latent-atlas");
    }
}
