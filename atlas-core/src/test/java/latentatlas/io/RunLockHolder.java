package latentatlas.io;

import java.nio.file.Path;

/**
 * A second process for {@link RunLockTest}: locks the folder given as the argument, prints {@code locked}
 * and sleeps until it is killed.
 */
final class RunLockHolder {
    private RunLockHolder() {
    }

    /** @param args the run folder */
    public static void main(String[] args) throws InterruptedException {
        RunLock lock = RunLock.acquire(Path.of(args[0]));
        System.out.println("locked " + lock.folder());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
