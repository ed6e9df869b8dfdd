package latentatlas.cli;

import latentatlas.Text;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where a command line that does not parse becomes a message: picocli's
 * {@link ParameterException} (an unknown option or command, a missing option or value, a value that is not
 * of the option's type) becomes ONE line on the error stream, {@code atlas CMD: --OPTION: expected ..., found
 * 'VALUE'; see atlas CMD --help}, and the exit status {@link Main#USER_ERROR}, instead of picocli's message
 * followed by the whole usage. Enums list their values, integers say so (and their range when the value is an
 * integer that does not fit), an unknown option or command names the closest one ("did you mean --out?")
 * or, without a close one, the ones there are. Every command (and {@code atlas bench}) gets it through
 * {@link Main#execute}.
 */
final class OptionErrors {
    private static final Pattern FOUND_OPTION = Pattern.compile("but found '(.*)'");
    /** What {@code atlas help NAME} throws for a NAME that is not a command. */
    private static final Pattern UNKNOWN_SUBCOMMAND = Pattern.compile("Unknown subcommand '(.*)'\\.?");

    private OptionErrors() {
    }

    /** picocli's {@link CommandLine.IParameterExceptionHandler}: prints {@link #message} and gives {@link Main#USER_ERROR}. */
    static int handle(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(message(ex, args));
        cmd.getErr().flush();
        return Main.USER_ERROR;
    }

    /**
     * @param ex what picocli found wrong
     * @param args the whole command line
     * @return the one line: {@code atlas CMD: WHAT; see atlas CMD --help}
     */
    static String message(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = Main.commandName(cmd);
        String see = "; see " + name + " --help";
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched() : cmd.getUnmatchedArguments();
        Matcher help = UNKNOWN_SUBCOMMAND.matcher(String.valueOf(ex.getMessage()));
        if (unmatched.isEmpty() && help.matches()) {
            unmatched = List.of(help.group(1));
        }
        if (!unmatched.isEmpty()) {
            return unmatched(cmd, name, unmatched.get(0)) + see;
        }
        if (ex instanceof MissingParameterException missing) {
            return name + ": " + missing(missing, args) + see;
        }
        if (ex instanceof OverwrittenOptionException overwritten && overwritten.getOverwritten() != null) {
            return name + ": " + label(overwritten.getOverwritten()) + ": expected once, found it given twice" + see;
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg != null && ex.getValue() != null && isConversion(ex)) {
            return name + ": " + label(arg) + ": " + expected(arg, ex.getValue()) + ", found '" + Text.printable(ex.getValue())
                    + "'" + see;
        }
        return name + ": " + Text.printable(firstLine(ex.getMessage())) + see;
    }

    /** An argument no option or parameter takes: an unknown option, an unknown command, or one argument too many. */
    private static String unmatched(CommandLine cmd, String name, String arg) {
        CommandSpec spec = cmd.getCommandSpec();
        String token = arg.startsWith("-") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (token.startsWith("-") && !token.matches("-\\d.*")) {
            List<String> options = spec.options().stream().filter(o -> !o.hidden())
                    .map(OptionSpec::longestName).toList();
            return name + ": unknown option '" + Text.printable(token) + "'" + suggestion(token, options);
        }
        if (!spec.subcommands().isEmpty()) {
            List<String> commands = spec.subcommands().entrySet().stream()
                    .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                    .map(java.util.Map.Entry::getKey).distinct().toList();
            return name + " " + Text.printable(token) + ": unknown command" + suggestion(token, commands);
        }
        List<PositionalParamSpec> positional = spec.positionalParameters();
        return name + ": unexpected argument '" + Text.printable(token) + "'; expected "
                + (positional.isEmpty() ? "options only (is an option missing before it?)"
                : "only " + positional.stream().map(PositionalParamSpec::paramLabel).collect(Collectors.joining(" ")));
    }

    /** @return {@code " (did you mean X?)"} for a close candidate, or {@code "; expected one of A, B, ..."} */
    private static String suggestion(String token, List<String> candidates) {
        List<String> close = candidates.stream().filter(c -> isClose(token, c))
                .sorted(Comparator.comparingInt(c -> distance(token, c))).limit(2).toList();
        if (!close.isEmpty()) {
            return " (did you mean " + String.join(" or ", close) + "?)";
        }
        return "; expected one of " + String.join(", ", candidates);
    }

    /** Close: a few edits apart (a typo), or one is a prefix of the other ({@code --output} for {@code --out}). */
    private static boolean isClose(String token, String candidate) {
        String a = token.toLowerCase(Locale.ROOT);
        String b = candidate.toLowerCase(Locale.ROOT);
        String bareA = a.replaceFirst("^-+", "");
        String bareB = b.replaceFirst("^-+", "");
        if (bareA.length() >= 3 && bareB.length() >= 3 && (bareA.startsWith(bareB) || bareB.startsWith(bareA))) {
            return true;
        }
        return distance(bareA, bareB) <= Math.max(1, Math.min(bareA.length(), bareB.length()) / 3);
    }

    /**
     * @return the edit distance of {@code a} and {@code b}: insertions, deletions, substitutions and swaps of
     *     two neighbours ({@code rnu} is one edit from {@code run}), each costing 1 (optimal string alignment)
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** A required option or parameter that is not there, or an option given without its value. */
    private static String missing(MissingParameterException ex, String[] args) {
        List<ArgSpec> missing = ex.getMissing() == null ? List.of() : ex.getMissing();
        for (ArgSpec arg : missing) {
            if (arg instanceof OptionSpec option && given(option, args)) {
                Matcher found = FOUND_OPTION.matcher(String.valueOf(ex.getMessage()));
                return option.longestName() + ": expected a value (" + option.paramLabel() + "), found "
                        + (found.find() ? "the option '" + Text.printable(found.group(1)) + "'" : "none");
            }
        }
        if (missing.isEmpty()) {
            return Text.printable(firstLine(ex.getMessage()));
        }
        List<String> options = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (ArgSpec arg : missing) {
            if (arg instanceof OptionSpec option) {
                options.add(option.longestName() + "=" + option.paramLabel());
            } else {
                parameters.add(arg.paramLabel());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!options.isEmpty()) {
            parts.add("missing the required option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options));
        }
        if (!parameters.isEmpty()) {
            parts.add("missing the argument" + (parameters.size() > 1 ? "s " : " ") + String.join(" ", parameters));
        }
        return String.join("; ", parts);
    }

    /** @return whether the command line holds the option itself ({@code --out} or {@code --out=...}) */
    private static boolean given(OptionSpec option, String[] args) {
        return Arrays.stream(args).anyMatch(a -> Arrays.stream(option.names())
                .anyMatch(n -> a.equals(n) || a.startsWith(n + "=")));
    }

    private static boolean isConversion(ParameterException ex) {
        return ex.getCause() instanceof CommandLine.TypeConversionException
                || String.valueOf(ex.getMessage()).startsWith("Invalid value for");
    }

    /** @return what a value of {@code arg}'s type looks like, e.g. {@code "expected an integer"} */
    private static String expected(ArgSpec arg, String value) {
        Class<?> type = arg.isMultiValue() && arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (type.isEnum()) {
            return "expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        String integer = value.strip().matches("[+-]?\\d+") ? " from %d to %d" : "";
        if (type == int.class || type == Integer.class) {
            return "expected an integer" + String.format(Locale.ROOT, integer, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return "expected an integer" + String.format(Locale.ROOT, integer, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "expected a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "expected true or false";
        }
        if (type == Path.class) {
            return "expected a file name";
        }
        return "expected a " + type.getSimpleName();
    }

    /** @return {@code --out} for an option, {@code A.npy} for a positional parameter */
    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int eol = m.indexOf('\n');
        return eol < 0 ? m : m.substring(0, eol).strip();
    }
}
