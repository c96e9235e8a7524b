package dev.anatomy.harness;

import java.io.IOException;
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
 * rewrites it when the class path or the JDK changes. It goes to {@code $XDG_CACHE_HOME/anatomy}
 * (else {@code ~/.cache/anatomy}); where that folder cannot be written, forks run without an
 * archive, since the JVM refuses to start with an archive it cannot create. CDS messages are
 * switched off: they are not the user's concern.
 */
public final class ClassDataSharing {
  private ClassDataSharing() {}

  /**
   * The flags for a forked JVM.
   *
   * @param kind names the archive, e.g. "fork"
   * @param classPath the fork's class path (the archive is valid for one class path)
   * @return the flags, or none where no cache folder can be written
   */
  public static List<String> flags(String kind, String classPath) {
    Path dir = cacheDir();
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        return List.of();
      }
    } catch (IOException | SecurityException e) {
      return List.of();
    }
    String name =
        kind
            + "-"
            + Integer.toHexString((classPath + System.getProperty("java.version")).hashCode())
            + ".jsa";
    return List.of(
        "-XX:+AutoCreateSharedArchive",
        "-XX:SharedArchiveFile=" + dir.resolve(name),
        // a fork's stdout carries its result: JVM logging goes to stderr, CDS's not at all
        "-Xlog:disable",
        "-Xlog:all=warning:stderr",
        "-Xlog:cds*=off:stderr",
        "-Xlog:aot*=off:stderr");
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
