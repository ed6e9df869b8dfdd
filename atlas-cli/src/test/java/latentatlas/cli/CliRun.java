package latentatlas.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Test helper: one command line through {@link Main#run}, its exit status and what it printed.
 *
 * @param status the exit status (0, or {@link Main#USER_ERROR} for a user mistake)
 * @param out what the command printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int status, String out, String err) {
    /** @return the result of {@code atlas ARGS} */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
