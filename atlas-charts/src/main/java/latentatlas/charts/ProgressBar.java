package latentatlas.charts;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A terminal progress bar: one line per epoch, redrawn in place ({@code \r}) at most every 0.2 s with
 * the batches done, the running loss and the throughput, then completed with the validation loss and
 * accuracy.
 *
 * <p>The rule for every progress display of the program ({@link #wanted}, also used by the sentence
 * encoders' progress line): draw only when the standard error stream is a terminal and the environment
 * variable {@code CI} is unset, empty or {@code false}. Java cannot tell whether stderr is a terminal
 * ({@code System.console()} looks at stdin and stdout), so the launcher {@code atlas} says so:
 * {@code -Datlas.tty=1} when {@code [ -t 2 ]}. Without that property (tests, a library user, a log file)
 * there is no bar: redirected output never fills with {@code \r} redraws.
 */
public final class ProgressBar implements ProgressListener {
    /** The system property by which the launcher says that the standard error stream is a terminal ({@code 1}). */
    public static final String TTY_PROPERTY = "atlas.tty";
    private static final int WIDTH = 24;
    private final PrintStream out;
    private String label = "";
    private int maxEpochs;
    private long lastDraw;

    private ProgressBar(PrintStream out) {
        this.out = out;
    }

    /**
     * @param out where to draw (the standard error stream)
     * @return a progress bar, or {@link ProgressListener#NONE} unless {@link #wanted}
     */
    public static ProgressListener create(PrintStream out) {
        return wanted() ? new ProgressBar(out) : NONE;
    }

    /** @return whether progress is drawn: stderr is a terminal and this is not CI (see the class comment) */
    public static boolean wanted() {
        return wanted(System.getProperty(TTY_PROPERTY), System.getenv("CI"));
    }

    /**
     * @param tty the value of {@value #TTY_PROPERTY} ({@code 1} or {@code true}: stderr is a terminal), or null
     * @param ci the value of {@code CI}, or null
     * @return whether progress is drawn
     */
    static boolean wanted(String tty, String ci) {
        boolean terminal = "1".equals(tty) || "true".equalsIgnoreCase(tty);
        boolean underCi = ci != null && !ci.isEmpty() && !"false".equalsIgnoreCase(ci);
        return terminal && !underCi;
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
