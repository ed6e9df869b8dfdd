package latentatlas.cli;

import latentatlas.text.EncodingListener;

import java.io.PrintWriter;

/** The encoders' progress line on the error stream ({@code \r  SPLIT: DONE/TOTAL sentences}); silent when {@code CI=true}. */
final class EncodingProgress {
    private EncodingProgress() {
    }

    /** @return a listener printing to {@code err}, or a silent one under CI */
    static EncodingListener to(PrintWriter err) {
        if ("true".equals(System.getenv("CI"))) {
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
