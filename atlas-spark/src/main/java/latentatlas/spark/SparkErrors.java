package latentatlas.spark;

import latentatlas.InvalidInputException;

import java.util.function.Supplier;

/**
 * Runs a Spark action so that a user mistake detected inside a task (an {@link InvalidInputException}
 * thrown on an executor, e.g. a zero vector or a width mismatch) reaches the caller as itself, not
 * wrapped in Spark's "job aborted" exception.
 */
public final class SparkErrors {
    private SparkErrors() {
    }

    /**
     * @param action the Spark work
     * @return its result
     * @throws InvalidInputException the first one found in the failure's cause chain
     */
    public static <T> T unwrapped(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException input) {
                    throw input;
                }
            }
            throw e;
        }
    }
}
