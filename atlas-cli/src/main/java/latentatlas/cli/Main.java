package latentatlas.cli;

import latentatlas.InvalidInputException;
import latentatlas.Text;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Entry point of the {@code atlas} command: registers the subcommands, sets up the log and maps errors
 * to exit codes.
 *
 * <p>The log: the library logs through SLF4J; the program binds slf4j-simple and writes to the standard
 * error stream, without date, thread or logger name: the library's ({@code latentatlas.*}) INFO lines
 * (stages, charts, analysed spaces) and everyone's warnings, except DJL's "Failed to detect GPU count" (the
 * CPU engine needs no GPU). {@code --verbose} adds the library's DEBUG lines and the other libraries'
 * (Spark, DJL) INFO lines, each with its logger's short name. A {@code -Dorg.slf4j.simpleLogger.*} property
 * given to the JVM wins over these defaults.
 */
@Command(name = "atlas", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Merge the latent spaces of independently trained networks into one atlas"
                + " (Crisostomi et al., 2023).", "Benchmarks: atlas bench core|train|spark."},
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status of a user mistake (bad option, bad file, bad parameter). */
    public static final int USER_ERROR = 2;
    /** DJL's GPU probe, which warns "Failed to detect GPU count" on every machine without CUDA. */
    private static final String CUDA_PROBE = "ai.djl.util.cuda.CudaUtils";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"},
            description = "Log more on stderr: the library's debug lines and other libraries' info lines.")
    private boolean verbose;

    /** Subcommands, in the order {@code atlas --help} lists them. */
    private static List<Object> subcommands() {
        return List.of(new DatasetsCommand(), new TasksCommand(), new EncodeCommand(), new TrainCommand(),
                new EmbedCommand(), new RunCommand(), new PaperCommand(), new MergeCommand(), new FitCommand(), new TransformCommand(), new CompareCommand(), new SweepCommand(), new SparkCommand());
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
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        for (Object sub : subcommands()) {
            cli.addSubcommand(sub);
        }
        // after parsing, before any command runs (and so before the library creates its loggers)
        cli.setExecutionStrategy(parsed -> {
            configureLogging(main.verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
        return execute(cli, out, err, args);
    }

    /**
     * Sets the slf4j-simple properties of the program's log (see the class comment), each unless the JVM
     * was given it. Takes effect for the loggers created afterwards, so call it before the library runs.
     *
     * @param verbose the library's DEBUG lines and other libraries' INFO lines too
     */
    public static void configureLogging(boolean verbose) {
        String p = "org.slf4j.simpleLogger.";
        setIfAbsent(p + "logFile", "System.err");
        setIfAbsent(p + "showDateTime", "false");
        setIfAbsent(p + "showThreadName", "false");
        setIfAbsent(p + "showLogName", "false");
        setIfAbsent(p + "showShortLogName", String.valueOf(verbose));
        setIfAbsent(p + "levelInBrackets", "true");
        setIfAbsent(p + "defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent(p + "log.latentatlas", verbose ? "debug" : "info");
        setIfAbsent(p + "log." + CUDA_PROBE, verbose ? "info" : "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Runs a command line under the program's rules (also used by {@code atlas bench}): a user mistake
     * prints one line and gives {@link #USER_ERROR}, whether the command line does not parse (an unknown
     * option or command, a missing option, a value of the wrong type: {@link OptionErrors}) or the command
     * finds it ({@link InvalidInputException}, an unreadable file); its unprintable characters are escaped
     * ({@link Text#printable}).
     *
     * @return the exit status
     */
    public static int execute(CommandLine cli, PrintWriter out, PrintWriter err, String... args) {
        cli.setOut(out).setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(OptionErrors::handle);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InvalidInputException || ex instanceof UncheckedIOException) {
                // escaped: a message may quote data (a class name, a file name) that holds terminal escapes or a newline
                cmd.getErr().println(commandName(cmd) + ": " + flags(cmd, ex) + Text.printable(ex.getMessage()));
                cmd.getErr().flush();
                return USER_ERROR;
            }
            throw ex;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(lastCommand(cli), e, Runtime.getRuntime().maxMemory()));
            err.flush();
            return USER_ERROR;
        }
    }

    /**
     * @param error what the JVM threw: its message tells the heap ({@code Java heap space}, {@code GC overhead
     *     limit exceeded}) from the direct buffers (native staging of the computations) and the rest
     * @return the one line of exhausted memory: the command, which memory and its maximum, how to give it more
     *     (the launcher's {@code ATLAS_JAVA_OPTS}) and, for spaces larger than memory, {@code --block-rows}
     */
    static String outOfMemory(CommandLine cmd, OutOfMemoryError error, long maxHeapBytes) {
        String what = error.getMessage() == null ? "" : error.getMessage();
        String stream = "; merge and compare stream spaces larger than memory with --block-rows N (README, Memory)";
        if (what.toLowerCase(Locale.ROOT).contains("direct buffer memory")) { // Java 17: "Cannot reserve N bytes of direct buffer memory (...)"
            return commandName(cmd) + ": the JVM's direct buffer memory is exhausted (it may hold as much as the heap, "
                    + (maxHeapBytes >> 20) + " MiB, unless -XX:MaxDirectMemorySize says otherwise): give it more, e.g."
                    + " ATLAS_JAVA_OPTS='-Xmx1400m -XX:MaxDirectMemorySize=4g' ./atlas ..." + stream;
        }
        if (!what.isEmpty() && !what.equals("Java heap space") && !what.startsWith("GC overhead")) {
            return commandName(cmd) + ": out of memory (the JVM says: " + Text.printable(what) + "; heap maximum "
                    + (maxHeapBytes >> 20) + " MiB): give it more, e.g. ATLAS_JAVA_OPTS=-Xmx8g ./atlas ..." + stream;
        }
        return commandName(cmd) + ": the Java heap is exhausted (maximum " + (maxHeapBytes >> 20) + " MiB): give it more,"
                + " e.g. ATLAS_JAVA_OPTS=-Xmx8g ./atlas ..." + stream;
    }

    /** @return the (sub)command the command line ran, or {@code cli} when it did not parse */
    private static CommandLine lastCommand(CommandLine cli) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        if (parsed == null) {
            return cli;
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().commandLine();
    }

    /** @return the command as typed, e.g. {@code atlas train}, {@code atlas spark merge}, {@code atlas bench core} */
    static String commandName(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName();
        return name.startsWith("atlas") ? name : "atlas " + name;
    }

    /**
     * @return {@code "--anchors: "} for an {@link InvalidInputException} about the library's input
     *     {@code anchors} when the command has the option {@code --anchors} (camelCase inputs become
     *     kebab-case options: {@code maxEpochs} is {@code --max-epochs}); empty otherwise
     */
    private static String flags(CommandLine cmd, Exception ex) {
        if (!(ex instanceof InvalidInputException invalid)) {
            return "";
        }
        String flags = invalid.inputs().stream()
                .map(input -> "--" + input.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
                .filter(option -> cmd.getCommandSpec().findOption(option) != null)
                .collect(Collectors.joining(", "));
        return flags.isEmpty() ? "" : flags + ": ";
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
