package latentatlas.charts;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A terminal progress bar: one line per epoch, redrawn in place ({@code \r}) at most every 0.2 s with
 * the batches done, the running loss and the throughput, then completed with the validation loss and
 * accuracy. Silent when the environment variable {@code CI} is set (use {@link #create}).
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private String label = "";
    private int maxEpochs;
    private long lastDraw;

    private ProgressBar(PrintStream out) {
        this.out = out;
    }

    /**
     * @param out where to draw (usually the standard error stream)
     * @return a progress bar, or {@link ProgressListener#NONE} when {@code CI} is set
     */
    public static ProgressListener create(PrintStream out) {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !"false".equalsIgnoreCase(ci) ? NONE : new ProgressBar(out);
    }

    @Override
    public void onTrainingStart(String name, int epochs, int batches) {
        this.label = name;
        this.maxEpochs = epochs;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double meanLoss, double samplesPerSecond) {
        long now = System.nanoTime();
        if (batch < batches && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * batch / batches);
        out.print(String.format(Locale.ROOT, "\r%s epoch %d/%d [%s%s] %d/%d loss %.4f %.0f samples/s",
                label, epoch, maxEpochs, "#".repeat(filled), ".".repeat(WIDTH - filled), batch, batches,
                meanLoss, samplesPerSecond));
        out.flush();
    }

    @Override
    public void onEpoch(EpochRecord r) {
        if (r.validated()) {
            out.print(String.format(Locale.ROOT, " | val loss %.4f acc %.4f", r.validationLoss(), r.validationAccuracy()));
        }
        out.println(String.format(Locale.ROOT, " | %.1f s", r.seconds()));
    }

    @Override
    public void onTrainingEnd(int bestEpoch, String reason) {
        out.println(label + ": " + reason + "; kept the weights of epoch " + bestEpoch);
    }
}
