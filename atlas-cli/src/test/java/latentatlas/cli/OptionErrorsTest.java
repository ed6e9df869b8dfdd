package latentatlas.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;

import static latentatlas.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link OptionErrors}: the cases the bad-input suite cannot hold (its line starts with {@code atlas CMD}). */
class OptionErrorsTest {
    @Test
    void anUnknownOptionOfAtlasItselfIsOneLine() {
        CliRun r = run("--bogus");
        assertEquals(Main.USER_ERROR, r.status());
        assertEquals("atlas: unknown option '--bogus'; expected one of --verbose, --help, --version; see atlas --help",
                r.err().strip());
    }

    @Test
    void aValueWithALineBreakStaysOnOneLine() {
        CliRun r = run("tasks", "--dataset", "fashion-mnist", "--setting", "disjoint", "--seed", "1\n2");
        assertEquals(Main.USER_ERROR, r.status());
        assertEquals("atlas tasks: --seed: expected an integer, found '1\\x0a2'; see atlas tasks --help", r.err().strip());
    }

    @Test
    void editDistanceCountsASwapOnce() {
        assertEquals(1, OptionErrors.distance("rnu", "run"));
        assertEquals(1, OptionErrors.distance("sed", "seed"));
        assertEquals(0, OptionErrors.distance("", ""));
        assertEquals(3, OptionErrors.distance("abc", ""));
        assertEquals(2, OptionErrors.distance("kitten", "sitting".substring(0, 6)));
    }

    /** A parent named like {@code atlas bench}: its subcommands' lines name the whole command. */
    @Command(name = "bench", subcommands = Sub.class)
    static final class Parent implements Runnable {
        @Override
        public void run() {
        }
    }

    /** A subcommand with one integer option. */
    @Command(name = "core")
    static final class Sub implements Runnable {
        @Option(names = "--rows")
        int rows;

        @Override
        public void run() {
        }
    }

    @Test
    void benchCommandsGetTheSameLines() {
        StringWriter err = new StringWriter();
        int status = Main.execute(new CommandLine(new Parent()).setCommandName("atlas bench"),
                new PrintWriter(new StringWriter()), new PrintWriter(err, true), "core", "--rows", "1e6");
        assertEquals(Main.USER_ERROR, status);
        assertEquals("atlas bench core: --rows: expected an integer, found '1e6'; see atlas bench core --help",
                err.toString().strip());
    }
}
