package io.jgrad.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Replaces a file atomically: the new bytes go to a temporary file beside it
 * ({@code .<name>.<random>.tmp}), are forced to disk, and the temporary file is renamed over the
 * target, so a reader (or a process that starts after a crash) sees the old file or the new
 * one, never a mix. On a failure (a full disk, a read-only directory, an I/O error) the
 * temporary file is deleted, the previous file is left as it was, and the IOException says so.
 *
 * <p>A process killed while writing cannot delete its temporary file. Each writer holds an
 * exclusive lock on its temporary file (the operating system drops it when the process dies),
 * so the next save of the same target deletes temporary files that are unlocked and more than
 * a second old: those of dead writers, never one still being written.
 */
final class AtomicFile {
  /** Writes the new contents; the channel is positioned at 0. */
  interface Body {
    void write(FileChannel ch) throws IOException;
  }

  /** Opens the temporary file for writing (a seam for tests that inject disk failures). */
  interface Opener {
    FileChannel open(Path tmp) throws IOException;
  }

  static final Opener DEFAULT = tmp -> FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long STALE_MS = 1000;

  private AtomicFile() {}

  static void write(Path file, Body body, Opener opener) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    String name = abs.getFileName().toString();
    removeStale(dir, name);
    // Not Files.createTempFile: its files are owner-only (0600); this one gets the umask's permissions like any new file.
    Path tmp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + ".tmp");
    boolean existed = Files.exists(abs);
    boolean done = false;
    try {
      try (FileChannel ch = opener.open(tmp)) {
        lockQuietly(ch);
        body.write(ch);
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new IOException("cannot save " + abs + ": " + reason(e) + "; " + (existed ? "the previous file is unchanged"
          : "no file was written"), e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The directory may have become unwritable; removeStale deletes it at the next save.
        }
      }
    }
  }

  static String reason(IOException e) {
    if (e instanceof AccessDeniedException a) return "permission denied (" + a.getFile() + ")";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason() + " (" + f.getFile() + ")";
    if (e instanceof FileSystemException f) return e.getClass().getSimpleName() + " (" + f.getFile() + ")";
    return String.valueOf(e.getMessage());
  }

  private static void lockQuietly(FileChannel ch) {
    try {
      ch.lock();
    } catch (IOException | UnsupportedOperationException | OverlappingFileLockException e) {
      // No locks on this file system: stale files of dead writers are then left for the user to delete.
    }
  }

  /** Deletes the temporary files of earlier writers of {@code name} that are unlocked and older than a second. */
  static void removeStale(Path dir, String name) {
    long now = System.currentTimeMillis();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> isTemp(p.getFileName().toString(), name))) {
      for (Path p : s) {
        try {
          if (now - Files.getLastModifiedTime(p).toMillis() < STALE_MS) continue;
          try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            FileLock lock = c.tryLock();
            if (lock != null) Files.deleteIfExists(p);
          }
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
          // Locked by a live writer in this process, unreadable, or already gone: leave it.
        }
      }
    } catch (IOException e) {
      // An unlistable directory: the write itself will report the problem.
    }
  }

  static boolean isTemp(String file, String name) {
    String prefix = "." + name + ".";
    if (!file.startsWith(prefix) || !file.endsWith(".tmp")) return false;
    String mid = file.substring(prefix.length(), file.length() - 4);
    return !mid.isEmpty() && mid.length() <= 16 && mid.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static void syncDirectory(Path dir) {
    // Makes the rename durable on Linux; not possible on every OS, where the rename alone must do.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }
}
