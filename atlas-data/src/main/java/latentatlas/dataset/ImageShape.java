package latentatlas.dataset;

/**
 * The shape of one image: channels x height x width (CHW, as PyTorch expects).
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param height pixels
 * @param width pixels
 */
public record ImageShape(int channels, int height, int width) {
    /** Validates the dimensions. */
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, found " + channels + "x" + height + "x" + width);
        }
    }

    /** @return values per image, {@code channels * height * width} */
    public int size() {
        return channels * height * width;
    }
}
