package latentatlas.bench;

import latentatlas.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code atlas bench train}'s options out of range: one line naming the option, the bound and the value, exit 2. */
class BenchTrainBadInputTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batches|-1|atlas bench train: --batches: expected an integer >= 0 (0: whole tasks), found -1",
        "--warmup|-3|atlas bench train: --warmup: expected an integer >= 0, found -3",
        "--threads|-2|atlas bench train: --threads: expected an integer >= 0 (0: every core), found -2",
        "--repeat|0|atlas bench train: --repeat: expected an integer >= 1, found 0"})
    void anOptionOutOfRangeIsOneLine(String option, String value, String expected) {
        StringWriter err = new StringWriter();
        int status = Main.execute(new CommandLine(new BenchCommand()).setCommandName("atlas bench"),
                new PrintWriter(new StringWriter()), new PrintWriter(err, true), "train", option, value);
        assertEquals(Main.USER_ERROR, status, err.toString());
        assertEquals(expected, err.toString().strip());
    }
}
