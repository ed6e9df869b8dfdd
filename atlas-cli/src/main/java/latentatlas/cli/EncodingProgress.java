package latentatlas.cli;

import latentatlas.charts.ProgressBar;
import latentatlas.text.EncodingListener;

import java.io.PrintWriter;

/**
 * The encoders' progress line on the error stream ({@code \r  SPLIT: DONE/TOTAL sentences}), drawn under the
 * same rule as the training bar ({@link ProgressBar#wanted}: stderr is a terminal, not CI).
 */
final class EncodingProgress {
    private EncodingProgress() {
    }

    /** @return a listener printing to {@code err}, or a silent one unless {@link ProgressBar#wanted} */
    static EncodingListener to(PrintWriter err) {
        if (!ProgressBar.wanted()) {
            return EncodingListener.SILENT;
        }
        return (split, done, total) -> {
            err.printf("\r  %s: %d/%d sentences", split, done, total);
            if (done == total) {
                err.println();
            }
            err.flush();
        };
    }
}
