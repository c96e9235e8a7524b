package dev.anatomy.run;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files a measuring JVM creates for a while (the disk test file), announced to the parent so that
 * the parent can remove them if the child dies without its shutdown hooks: killed with SIGKILL, or
 * by the kernel's out-of-memory killer. The child removes them itself in every other case.
 *
 * <p>A child announces each file on stderr as one line, {@link #MARKER} then the file's URI (which
 * escapes tabs and newlines in the path); only a JVM started by {@link ForkMain} announces
 * anything.
 *
 * <pre>{@code
 * Scratch.created(folder.resolve("anatomy-disk-test.bin")); // in the part, after creating both
 * // in the parent, after the child ended:
 * Scratch.parse(line).ifPresent(Scratch::removeLeftOver);
 * }</pre>
 */
public final class Scratch {
  /** Starts the stderr line that announces a scratch file. */
  public static final String MARKER = "\u0001anatomy-scratch\t";

  private static volatile PrintStream announceTo;

  private Scratch() {}

  /**
   * Makes {@link #created} announce files on this stream (the child's stderr).
   *
   * @param err the stream, or null to stop announcing
   */
  static void announceTo(PrintStream err) {
    announceTo = err;
  }

  /**
   * Announces a file this JVM created in a folder it created for it alone; nothing when this JVM is
   * not a measuring child.
   *
   * @param file the file; its parent folder is the folder
   */
  public static void created(Path file) {
    PrintStream err = announceTo;
    if (err != null) {
      synchronized (err) {
        err.println(MARKER + file.toAbsolutePath().toUri());
        err.flush();
      }
    }
  }

  /**
   * The file a stderr line announces.
   *
   * @param line one line of a child's stderr
   * @return the file, or empty when the line is no announcement or names no file path
   */
  static Optional<Path> parse(String line) {
    if (!line.startsWith(MARKER)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(URI.create(line.substring(MARKER.length()))));
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes an announced file, then its folder if nothing else is in it; what is already gone is
   * skipped, and nothing else is ever deleted.
   *
   * @param file the file a child announced
   * @return true if neither is left
   */
  static boolean removeLeftOver(Path file) {
    try {
      Files.deleteIfExists(file);
      Path folder = file.getParent();
      if (folder != null) {
        Files.deleteIfExists(folder);
      }
      return true;
    } catch (IOException e) {
      // a folder that holds something else too (DirectoryNotEmptyException) stays
      return false;
    }
  }
}
