package latentatlas.bench;

import latentatlas.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code atlas bench}: the parent of the benchmarks; each subcommand prints ratios against a baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Benchmarks: each prints its timings beside a baseline measured in the same run.",
        subcommands = {BenchCoreCommand.class, BenchTrainCommand.class, BenchSparkCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** @param args the command line after {@code atlas bench} (the launcher routes {@code atlas bench ...} here) */
    public static void main(String[] args) {
        Main.configureLogging(false);
        System.exit(Main.execute(new CommandLine(new BenchCommand()).setCommandName("atlas bench"), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
