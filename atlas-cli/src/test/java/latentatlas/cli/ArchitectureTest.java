package latentatlas.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module and package structure of docs/architecture.md, read from the main sources of every
 * module: no package imports itself back through other packages (no cycle), and no package imports a
 * package of a module that the pom does not let it see (nothing depends upwards).
 */
class ArchitectureTest {
    private static final Pattern PACKAGE = Pattern.compile("^package (latentatlas[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(latentatlas(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);
    /** Which modules each module may use (docs/architecture.md §1), transitively closed. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "atlas-core", Set.of(),
            "atlas-data", Set.of("atlas-core"),
            "atlas-report", Set.of("atlas-core"),
            "atlas-spark", Set.of("atlas-core"),
            "atlas-charts", Set.of("atlas-core", "atlas-data"),
            "atlas-text", Set.of("atlas-core", "atlas-data"),
            "atlas-experiment", Set.of("atlas-core", "atlas-data", "atlas-charts", "atlas-text", "atlas-report"),
            "atlas-cli", Set.of("atlas-core", "atlas-data", "atlas-charts", "atlas-text", "atlas-report",
                    "atlas-experiment", "atlas-spark"),
            "atlas-bench", Set.of("atlas-core", "atlas-data", "atlas-charts", "atlas-text", "atlas-report",
                    "atlas-experiment", "atlas-spark", "atlas-cli"));

    private final Map<String, Set<String>> imports = new TreeMap<>();
    private final Map<String, String> moduleOf = new TreeMap<>();

    ArchitectureTest() {
        Path repo = Path.of(System.getProperty("atlas.repo", "..")).toAbsolutePath().normalize();
        for (String module : ALLOWED.keySet()) {
            Path sources = repo.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher p = PACKAGE.matcher(text);
                    assertTrue(p.find(), file + " has no latentatlas package");
                    String pkg = p.group(1);
                    String previous = moduleOf.put(pkg, module);
                    assertTrue(previous == null || previous.equals(module),
                            "package " + pkg + " is split between " + previous + " and " + module);
                    Set<String> used = imports.computeIfAbsent(pkg, k -> new TreeSet<>());
                    Matcher i = IMPORT.matcher(text);
                    while (i.find()) {
                        if (!i.group(1).equals(pkg)) {
                            used.add(i.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void everyModuleHasSources() {
        assertEquals(ALLOWED.keySet(), new TreeSet<>(moduleOf.values()));
    }

    @Test
    void nothingDependsUpwards() {
        List<String> wrong = new ArrayList<>();
        imports.forEach((pkg, used) -> {
            String module = moduleOf.get(pkg);
            for (String u : used) {
                String target = moduleOf.get(u);
                if (target != null && !target.equals(module) && !ALLOWED.get(module).contains(target)) {
                    wrong.add(pkg + " (" + module + ") imports " + u + " (" + target + ")");
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void noPackageCycle() {
        // depth-first search; a back edge closes a cycle
        Map<String, Integer> state = new TreeMap<>();
        List<String> cycles = new ArrayList<>();
        for (String pkg : imports.keySet()) {
            visit(pkg, state, new ArrayList<>(), cycles);
        }
        assertEquals(List.of(), cycles);
    }

    private void visit(String pkg, Map<String, Integer> state, List<String> path, List<String> cycles) {
        Integer s = state.get(pkg);
        if (s != null) {
            if (s == 1) {
                cycles.add(String.join(" -> ", path.subList(path.indexOf(pkg), path.size())) + " -> " + pkg);
            }
            return;
        }
        state.put(pkg, 1);
        path.add(pkg);
        for (String next : imports.getOrDefault(pkg, Set.of())) {
            if (imports.containsKey(next)) {
                visit(next, state, path, cycles);
            }
        }
        path.remove(path.size() - 1);
        state.put(pkg, 2);
    }
}
