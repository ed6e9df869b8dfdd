/**
 * The {@code atlas} command line (picocli): one class per subcommand. A user mistake
 * ({@link latentatlas.InvalidInputException} or a bad option) prints one line on standard error and
 * exits with status 2; a bug prints its stack trace and exits with status 1.
 */
package latentatlas.cli;
