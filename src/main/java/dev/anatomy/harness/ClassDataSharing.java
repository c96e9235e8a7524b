package dev.anatomy.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A dynamic class-data-sharing archive for the JVMs anatomy forks, so the classes every fork loads
 * (Jackson, the parts, the JDK's own) are mapped from a file rather than parsed again: a few
 * hundred milliseconds per fork, a second or more per card.
 *
 * <p>The JVM writes the archive on the first run ({@code -XX:+AutoCreateSharedArchive}) and
 * rewrites it when the class path or the JDK changes, not when a later run loads other classes: so
 * each workload (main class and arguments, e.g. the parts a fork measures) gets an archive of its
 * own, written by its first run. It goes to {@code $XDG_CACHE_HOME/anatomy} (else {@code
 * ~/.cache/anatomy}); where that folder cannot be written, forks run without an archive, since the
 * JVM refuses to start with an archive it cannot create. CDS messages are switched off: they are
 * not the user's concern.
 */
public final class ClassDataSharing {
  private ClassDataSharing() {}

  /**
   * The flags for a forked JVM.
   *
   * @param kind names the archive, e.g. "fork"
   * @param classPath the fork's class path (the archive is valid for one class path)
   * @param workload what the fork runs, e.g. its main class and arguments: one archive each
   * @return the flags, or none where no cache folder can be written
   */
  public static List<String> flags(String kind, String classPath, String workload) {
    return flags(cacheDir(), kind, classPath, workload);
  }

  /**
   * The flags for a forked JVM whose archive lives in {@code dir}. The archive's name holds a hash
   * of the class path, the JDK and the workload, then one of each class path entry's size and
   * modification time: the JVM does not rewrite an archive whose jar has changed since, it only
   * runs without it, so a rebuilt jar gets a new name. Older archives of the same class path, JDK
   * and workload are deleted.
   *
   * @param dir the cache folder
   * @param kind names the archive
   * @param classPath the class path
   * @param workload what the fork runs
   * @return the flags, or none where {@code dir} cannot be written
   */
  static List<String> flags(Path dir, String kind, String classPath, String workload) {
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        return List.of();
      }
    } catch (IOException | SecurityException e) {
      return List.of();
    }
    String prefix =
        kind
            + "-"
            + Integer.toHexString(
                (classPath + System.getProperty("java.version") + workload).hashCode())
            + "-";
    String name = prefix + Integer.toHexString(stamp(classPath).hashCode()) + ".jsa";
    deleteOthers(dir, prefix, name);
    return List.of(
        "-XX:+AutoCreateSharedArchive",
        "-XX:SharedArchiveFile=" + dir.resolve(name),
        // a fork's stdout carries its result: JVM logging goes to stderr, CDS's not at all
        "-Xlog:disable",
        "-Xlog:all=warning:stderr",
        "-Xlog:cds*=off:stderr",
        "-Xlog:aot*=off:stderr");
  }

  /** Each class path entry's size and modification time; an entry that cannot be read adds -1. */
  private static String stamp(String classPath) {
    StringBuilder b = new StringBuilder();
    for (String entry : classPath.split(java.io.File.pathSeparator, -1)) {
      try {
        Path p = Path.of(entry);
        b.append(Files.size(p)).append(':').append(Files.getLastModifiedTime(p).toMillis());
      } catch (IOException | RuntimeException e) {
        b.append(-1);
      }
      b.append(';');
    }
    return b.toString();
  }

  private static void deleteOthers(Path dir, String prefix, String keep) {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, prefix + "*.jsa")) {
      for (Path p : old) {
        if (!p.getFileName().toString().equals(keep)) {
          // a JVM that maps it keeps its pages; deleting only unlinks the name
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // a stale archive left behind costs disk space, not correctness
    }
  }

  static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "anatomy");
    }
    String home = System.getProperty("user.home");
    if (home != null && !home.isBlank() && !"?".equals(home)) {
      return Path.of(home, ".cache", "anatomy");
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "anatomy-" + System.getProperty("user.name", "user").toLowerCase(Locale.ROOT));
  }
}
