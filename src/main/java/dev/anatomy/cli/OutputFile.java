package dev.anatomy.cli;

import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * A file the user asked anatomy to write (--json, --html): checked before anything is measured,
 * written to a temporary file beside it, then renamed, so a reader never sees half a file and an
 * interrupted run leaves nothing behind.
 *
 * <p>A symbolic link is followed: the file it points to is replaced and the link stays. An existing
 * file keeps its permissions; a new one is made readable by all (rw-r--r--). A path that is not a
 * regular file, such as {@code /dev/stdout} or a named pipe, cannot be replaced by a rename, so it
 * is written in place.
 *
 * <pre>{@code
 * OutputFile json = OutputFile.check("--json", "run.json");     // exit 2 here if it cannot be
 * OutputFile.requireDistinct(json, html);                        // and if two name one file
 * json.write(text);
 * }</pre>
 */
public final class OutputFile {
  private final String option;
  private final Path path;
  private final boolean special;

  private OutputFile(String option, Path path, boolean special) {
    this.option = option;
    this.path = path;
    this.special = special;
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
    Path typed = Path.of(text).toAbsolutePath().normalize();
    if (Files.isDirectory(typed)) {
      throw new UsageException(option + " " + text + " is a folder; give a file path");
    }
    if (Files.isSymbolicLink(typed) && !Files.exists(typed)) {
      throw new UsageException(
          option + " " + text + " is a symbolic link to a file that does not exist");
    }
    Path p = typed;
    if (Files.exists(typed) && !Files.isRegularFile(typed)) {
      // a device or a pipe (/dev/stdout may lead to one that has no real path): written in place
      if (!Files.isWritable(typed)) {
        throw new UsageException(option + " " + text + " is not writable");
      }
      return new OutputFile(option, typed, true);
    }
    if (Files.exists(typed)) {
      try {
        p = typed.toRealPath();
      } catch (IOException e) {
        throw new UsageException(option + " " + text + " cannot be resolved: " + e.getMessage(), e);
      }
    }
    Path dir = p.getParent();
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
    return new OutputFile(option, p, false);
  }

  /**
   * Refuses outputs that name one file, or an output that names an input: one would silently
   * replace the other.
   *
   * @param outputs the outputs given (absent ones left out)
   * @throws UsageException naming the two options
   */
  public static void requireDistinct(List<OutputFile> outputs) {
    for (int i = 0; i < outputs.size(); i++) {
      for (int j = i + 1; j < outputs.size(); j++) {
        OutputFile a = outputs.get(i);
        OutputFile b = outputs.get(j);
        if (a.path.equals(b.path) && !a.special) {
          throw new UsageException(
              a.option + " and " + b.option + " name the same file, " + a.path);
        }
      }
    }
  }

  /**
   * Refuses an output that would replace a file this command reads or writes otherwise (a store).
   *
   * @param input what the command reads, as the user typed it (a run id is no file, and passes)
   * @param what the input's name, for the message
   * @throws UsageException if the output is that file
   */
  public void requireNotInput(String input, String what) {
    if (input == null || special) {
      return;
    }
    Path in;
    try {
      in = Path.of(input).toAbsolutePath().normalize();
      if (Files.exists(in)) {
        in = in.toRealPath();
      }
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return; // an input that cannot be resolved is reported by the code that reads it
    }
    if (in.equals(path)) {
      throw new UsageException(
          option + " " + path + " is the " + what + " this command uses; give another file");
    }
  }

  /**
   * The path.
   *
   * @return the absolute path, links resolved
   */
  public Path path() {
    return path;
  }

  /**
   * Writes the text atomically: a temporary file in the same folder, then a rename (in place, for a
   * path that is not a regular file).
   *
   * @param text the content
   * @throws UsageException if the write fails (disk full, folder removed meanwhile)
   */
  public void write(String text) {
    if (special) {
      try {
        Files.writeString(path, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageException(option + " " + path + ": cannot write: " + e.getMessage(), e);
      }
      return;
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(path.getParent(), ".anatomy-", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      keepPermissions(tmp);
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

  /**
   * Gives the temporary file the permissions of the file it replaces, or rw-r--r-- for a new one (a
   * temporary file is created readable by its owner only).
   */
  private void keepPermissions(Path tmp) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      return;
    }
    Set<PosixFilePermission> mode =
        Files.exists(path)
            ? Files.getPosixFilePermissions(path)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, mode);
  }
}
