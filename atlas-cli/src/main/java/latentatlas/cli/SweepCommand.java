package latentatlas.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code atlas sweep}: experiments that vary one choice with the charts fixed ({@code atlas sweep anchors}). */
@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Vary one choice of the method with the charts trained once: anchors (count and strategy).",
        subcommands = {SweepAnchorsCommand.class})
public final class SweepCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
