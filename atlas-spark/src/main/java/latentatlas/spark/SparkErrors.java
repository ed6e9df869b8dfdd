package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;

/**
 * The one place where Spark's failures become the user mistakes they are.
 *
 * <p>A mistake detected inside a task (an {@link InvalidInputException} thrown on an executor, e.g. a
 * zero vector or a width mismatch, or a check of a table column, {@link #fail}) reaches the driver
 * wrapped in Spark's "job aborted" {@code SparkException}: with the original exception as its cause
 * when the driver could deserialize it, always with its text ({@code latentatlas.InvalidInputException:
 * MESSAGE}) in the message. {@link #userMistake} finds either and gives the {@link InvalidInputException}
 * back; Spark's own refusals of the input (an {@link AnalysisException}: a path that does not exist, a
 * column of the wrong type; a file that is not Parquet, or a corrupt one) become one-line {@link InvalidInputException}s.
 * Anything else (a bug, a lost executor) is left as it is.
 */
public final class SparkErrors {
    /** How Spark prints an executor's {@link InvalidInputException} in the driver's message. */
    private static final String MARK = InvalidInputException.class.getName() + ": ";
    /** How Parquet says a file is not one (the reader's RuntimeException). */
    private static final String NOT_PARQUET = " is not a Parquet file";
    /** How Spark names the file a task failed to read. */
    private static final Pattern READING = Pattern.compile("Encountered error while reading file (\\S+?)\\. Details");

    private SparkErrors() {
    }

    /**
     * @param action the Spark work
     * @return its result
     * @throws InvalidInputException when the failure is a user mistake ({@link #userMistake}); any other
     *     failure is thrown as it is
     */
    public static <T> T unwrapped(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {
            // Spark's Scala code throws checked exceptions (SparkException, AnalysisException) undeclared
            throw userMistake(e).orElseThrow(() -> SparkErrors.<RuntimeException>rethrown(e));
        }
    }

    /**
     * @param action the Spark work
     * @throws InvalidInputException when the failure is a user mistake ({@link #userMistake}); any other
     *     failure is thrown as it is
     */
    public static void run(Runnable action) {
        unwrapped(() -> {
            action.run();
            return null;
        });
    }

    /**
     * A column expression that fails its task with a user mistake (Spark's {@code raise_error}), e.g.
     * {@code when(col("id").isNull(), fail(lit("rows: a row has no id"))).otherwise(col("id"))};
     * {@link #userMistake} turns the failure back into an {@link InvalidInputException} with that message.
     *
     * @param message the one-line message (a string column, so that it can name the row)
     */
    public static Column fail(Column message) {
        return raise_error(concat(lit(MARK), message));
    }

    /**
     * @param failure what a Spark action threw
     * @return the user mistake it is: the {@link InvalidInputException} of its cause chain, else one
     *     rebuilt from an executor's message, else one for an {@link AnalysisException}, a file that is
     *     not Parquet or corrupt Parquet data; empty for anything else
     */
    public static Optional<InvalidInputException> userMistake(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException input) {
                return Optional.of(input);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            int at = message == null ? -1 : message.indexOf(MARK);
            if (at >= 0) {
                return Optional.of(new InvalidInputException(firstLine(message.substring(at + MARK.length())), failure));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AnalysisException analysis) {
                return Optional.of(new InvalidInputException(withoutErrorClass(firstLine(analysis.getMessage())), failure));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains(NOT_PARQUET)) {
                // the line of the reader's exception, which Spark may quote inside an executor's stack trace
                String line = message.lines().filter(l -> l.contains(NOT_PARQUET)).findFirst().orElseThrow();
                return Optional.of(new InvalidInputException(line.strip().replaceFirst("^.*(Exception|Error): ", "")
                        + ": give Parquet files or folders (as 'atlas spark export' or any Parquet writer writes them)",
                        failure));
            }
        }
        String file = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher reading = cause.getMessage() == null ? null : READING.matcher(cause.getMessage());
            if (file == null && reading != null && reading.find()) {
                file = reading.group(1);
            }
            if (fromParquet(cause)) {
                return Optional.of(new InvalidInputException((file == null ? "" : file + ": ") + "corrupt Parquet data ("
                        + firstLine(cause.getMessage()) + "): write the table again", failure));
            }
        }
        return Optional.empty();
    }

    /** @return whether the Parquet reader threw it (a corrupt footer or page) */
    private static boolean fromParquet(Throwable cause) {
        StackTraceElement[] frames = cause.getStackTrace();
        String origin = frames.length == 0 ? "" : frames[0].getClassName();
        return Stream.of(cause.getClass().getName(), origin)
                .anyMatch(name -> name.startsWith("org.apache.parquet.") || name.startsWith("shaded.parquet."));
    }

    /** Throws a checked exception as it is, undeclared (as Spark's Scala code does). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrown(Throwable e) throws E {
        throw (E) e;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    /** @return Spark's message without its leading {@code [ERROR_CLASS]} tag */
    private static String withoutErrorClass(String message) {
        return message.replaceFirst("^\\[[A-Z0-9_.]+] ", "");
    }
}
