package dev.anatomy.cli;

import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file the user asked anatomy to write (--json, --html): checked before anything is measured,
 * written to a temporary file beside it, then renamed, so a reader never sees half a file and an
 * interrupted run leaves nothing behind.
 */
public final class OutputFile {
  private final String option;
  private final Path path;

  private OutputFile(String option, Path path) {
    this.option = option;
    this.path = path;
  }

  /**
   * Checks that a path can be written.
   *
   * @param option the option's name, for the message
   * @param text the path as typed
   * @return the output file
   * @throws UsageException if the folder is missing or not writable, or the path is a folder
   */
  public static OutputFile check(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new UsageException(option + " needs a file path");
    }
    Path p = Path.of(text).toAbsolutePath().normalize();
    Path dir = p.getParent();
    if (Files.isDirectory(p)) {
      throw new UsageException(option + " " + text + " is a folder; give a file path");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UsageException(option + " " + text + ": folder " + dir + " does not exist");
    }
    if (!Files.isWritable(dir) || (Files.exists(p) && !Files.isWritable(p))) {
      throw new UsageException(option + " " + text + " is not writable");
    }
    try {
      Path probe = Files.createTempFile(dir, ".anatomy-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UsageException(option + " " + text + " is not writable: " + e.getMessage(), e);
    }
    return new OutputFile(option, p);
  }

  /**
   * The path.
   *
   * @return the absolute path
   */
  public Path path() {
    return path;
  }

  /**
   * Writes the text atomically: a temporary file in the same folder, then a rename.
   *
   * @param text the content
   * @throws UsageException if the write fails (disk full, folder removed meanwhile)
   */
  public void write(String text) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(path.getParent(), ".anatomy-", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      // a temporary file is created readable by its owner only; the result is an ordinary file
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(
            tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UsageException(option + " " + path + ": cannot write: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the temporary file is all that is left; nothing more can be done
        }
      }
    }
  }
}
