package latentatlas.io;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the entries that the writers of this package put beside a target while they work:
 * {@code .NAME.tmp-PID-N} (a file or folder being written) and {@code .NAME.old-PID-N} (a previous
 * output being swapped out), {@code PID} being the writing process. An entry whose process is gone is
 * a leftover of a killed run and may be cleaned; one whose process is alive belongs to a run at work
 * (e.g. another run writing the shared end-to-end store) and is left alone. The temporary files of
 * earlier versions ({@code .NAMEdigits.tmp}, without a process id) are leftovers too.
 */
final class Leftovers {
    private static final Pattern NAME = Pattern.compile("\\.(.+)\\.(tmp|old)-([0-9]{1,18})-[0-9]+");
    private static final Pattern EARLIER = Pattern.compile("\\..+[0-9]+\\.tmp");

    private Leftovers() {
    }

    /**
     * A leftover of a dead process: the entry, the name of its target ({@code null} for an earlier
     * version's temporary file), and whether it is a moved-aside output.
     */
    record Leftover(Path path, String target, boolean old) {
    }

    /** @return the prefix of this process's temporary ({@code tmp}) or moved-aside ({@code old}) entries of {@code target} */
    static String prefix(String target, String kind) {
        return "." + target + "." + kind + "-" + ProcessHandle.current().pid() + "-";
    }

    /** @return whether {@code name} has the form of these entries (so cannot name an output) */
    static boolean isReserved(String name) {
        return NAME.matcher(name).matches();
    }

    /** @return the leftover that {@code entry} is, or null when it is none or its process is still alive */
    static Leftover of(Path entry) {
        Matcher m = NAME.matcher(entry.getFileName().toString());
        if (!m.matches()) {
            return EARLIER.matcher(entry.getFileName().toString()).matches()
                    && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) ? new Leftover(entry, null, false) : null;
        }
        boolean alive = ProcessHandle.of(Long.parseLong(m.group(3))).map(ProcessHandle::isAlive).orElse(false);
        return alive ? null : new Leftover(entry, m.group(1), m.group(2).equals("old"));
    }
}
