package latentatlas;

import java.util.List;

/**
 * A mistake in what the user handed in (a file, a parameter, a configuration), as opposed to a bug.
 *
 * <p>The message is one line that names the quantity or file, the expected and the found value, and
 * where possible the fix, e.g. {@code "shared classes (12) plus novel classes per task (2) exceed the
 * 10 classes of fashion-mnist: lower the shared or the novel classes"}. Library messages name the
 * quantity, never a command-line flag: {@link #inputs()} names the parameters at fault (e.g.
 * {@code anchors}, {@code maxEpochs}), and a front end that knows its own flags adds them (the command
 * line prints {@code --anchors: MESSAGE}, without a stack trace, and exits with status 2).
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The parameters at fault, in the library's names (a list, so that the exception stays serializable). */
    private final List<String> inputs;

    /** @param message one line: what is wrong, expected vs found, and the fix */
    public InvalidInputException(String message) {
        this(List.of(), message, null);
    }

    /**
     * @param message one line: what is wrong, expected vs found, and the fix
     * @param cause the underlying error (kept for debugging, not shown to the user)
     */
    public InvalidInputException(String message, Throwable cause) {
        this(List.of(), message, cause);
    }

    /**
     * @param inputs the parameters at fault, named as the library's records and builders name them
     *               (e.g. {@code anchors}, {@code maxEpochs})
     * @param message one line: what is wrong, expected vs found, and the fix
     */
    public InvalidInputException(List<String> inputs, String message) {
        this(inputs, message, null);
    }

    /**
     * @param inputs the parameters at fault (see {@link #InvalidInputException(List, String)})
     * @param message one line: what is wrong, expected vs found, and the fix
     * @param cause the underlying error (kept for debugging, not shown to the user), or null
     */
    public InvalidInputException(List<String> inputs, String message, Throwable cause) {
        super(message, cause);
        this.inputs = List.copyOf(inputs);
    }

    /** @return the parameters at fault, in the library's names; empty when the message names a file or data */
    public List<String> inputs() {
        return inputs;
    }
}
