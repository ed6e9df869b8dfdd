package latentatlas.cli;

import latentatlas.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Entry point of the {@code atlas} command: registers the subcommands and maps errors to exit codes. */
@Command(name = "atlas", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Merge the latent spaces of independently trained networks into one atlas"
                + " (Crisostomi et al., 2023).", "Benchmarks: atlas bench core|train|spark."},
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status of a user mistake (bad option, bad file, bad parameter). */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Subcommands, in the order {@code atlas --help} lists them. */
    private static List<Object> subcommands() {
        return List.of(new DatasetsCommand(), new TasksCommand(), new EncodeCommand(), new TrainCommand(),
                new EmbedCommand(), new RunCommand(), new PaperCommand(), new MergeCommand(), new CompareCommand(), new SparkCommand());
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command line with the given streams (tests call this directly).
     *
     * @return the exit status
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        for (Object sub : subcommands()) {
            cli.addSubcommand(sub);
        }
        return execute(cli, out, err, args);
    }

    /**
     * Runs a command line under the program's rules (also used by {@code atlas bench}): a user mistake
     * ({@link InvalidInputException}, an unreadable file) prints one line and gives {@link #USER_ERROR}.
     *
     * @return the exit status
     */
    public static int execute(CommandLine cli, PrintWriter out, PrintWriter err, String... args) {
        cli.setOut(out).setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InvalidInputException || ex instanceof UncheckedIOException) {
                cmd.getErr().println("atlas " + cmd.getCommandName() + ": " + ex.getMessage());
                cmd.getErr().flush();
                return USER_ERROR;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the project version and the Java runtime. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"latent-atlas " + (v == null ? "0.1.0-SNAPSHOT" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
