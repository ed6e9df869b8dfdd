package latentatlas.cli;

import latentatlas.Text;
import latentatlas.dataset.Dataset;
import latentatlas.dataset.DatasetStatus;
import latentatlas.dataset.Datasets;
import latentatlas.dataset.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code atlas datasets}: which datasets this machine has, where they were looked for, how to get them. */
@Command(name = "datasets", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"List the known datasets: found or not, where atlas looked, how to install them.",
            "With SPEC arguments, read those datasets and print their size, classes and fingerprint."})
public final class DatasetsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SPEC",
            description = "datasets to read, e.g. fashion-mnist, clinc150, cifar10:DIR, images:DIR")
    private List<String> specs = List.of();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (specs.isEmpty()) {
            for (DatasetStatus s : Datasets.describeAll()) {
                String state = s.spec().endsWith(":DIR") ? "give DIR" : s.found() ? "found" : "MISSING";
                out.printf("%-14s %-8s %s%n", s.spec(), state, s.description());
                out.printf("%-14s %-8s %s: %s%n", "", "", s.spec().endsWith(":DIR") ? "layout" : "looked in", s.location());
                if (!s.found()) {
                    out.printf("%-14s %-8s to get it: %s%n", "", "", s.install());
                }
            }
            out.flush();
            return;
        }
        for (String name : specs) {
            long start = System.nanoTime();
            Dataset d = Datasets.open(name);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("%s: %d classes, %d train, %d test%s, %s, read in %.2f s%n", Text.printable(d.name()), d.classCount(),
                    d.train().size(), d.test().size(), extras(d.extraSplits()),
                    d.isImages() ? "images " + d.train().shape().channels() + "x" + d.train().shape().height() + "x"
                            + d.train().shape().width() : "sentences", seconds);
            out.printf("  fingerprint %s%n", d.fingerprint());
            // class names come from folder names or label columns: printed escaped
            List<String> names = d.classes().stream().map(Text::printable).toList();
            out.printf("  classes %s%n", d.classCount() <= 20 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 10)) + ", ... (" + d.classCount() + ")");
        }
        out.flush();
    }

    private static String extras(Map<String, Samples> extra) {
        StringBuilder sb = new StringBuilder();
        extra.forEach((k, v) -> sb.append(", ").append(v.size()).append(' ').append(k));
        return sb.toString();
    }
}
