package latentatlas;

/**
 * A mistake in what the user handed in (a file, a flag, a configuration), as opposed to a bug.
 *
 * <p>The message is one line that names the field or file, the expected and the found value, and
 * where possible the fix, e.g. {@code "shared classes (12) plus novel classes per task (2) exceed the
 * 10 classes of fashion-mnist: lower --shared or --novel"}. The command line prints it without a stack
 * trace and exits with status 2.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong, expected vs found, and the fix */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong, expected vs found, and the fix
     * @param cause the underlying error (kept for debugging, not shown to the user)
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
