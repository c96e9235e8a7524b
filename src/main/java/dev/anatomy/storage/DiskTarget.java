package dev.anatomy.storage;

import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Where the storage part measures, checked before anything is measured: the folder for the test
 * file (the user's {@code --disk-dir}, else the current directory) or a user's file to read ({@code
 * --disk-read-only}). Every failure is one line naming what is wrong and what is allowed.
 */
public final class DiskTarget {
  /** Free space kept beyond twice the test file. */
  public static final long HEADROOM_BYTES = 1L << 30;

  /** The smallest file {@code --disk-read-only} accepts. */
  public static final long MIN_READ_ONLY_BYTES = 1L << 20;

  private DiskTarget() {}

  /**
   * The folder the test file goes in.
   *
   * @param options the options
   * @return the user's folder, or the current directory
   */
  public static Path folder(MeasureOptions options) {
    return Path.of(options.diskDir().orElse(".")).toAbsolutePath().normalize();
  }

  /**
   * Free space the test needs: twice the file and 1 GiB to spare.
   *
   * @param fileBytes the test file's size
   * @return bytes
   */
  public static long requiredFreeBytes(long fileBytes) {
    return 2 * fileBytes + HEADROOM_BYTES;
  }

  /**
   * Checks the options the storage part uses.
   *
   * @param options the options
   * @throws UsageException naming what is wrong
   */
  public static void validate(MeasureOptions options) {
    if (options.diskSizeBytes() < DiskPlan.MIN_FILE_BYTES) {
      throw new UsageException(
          "--disk-size must be at least 16MiB, was "
              + dev.anatomy.run.Sizes.format(options.diskSizeBytes()));
    }
    if (options.diskReadOnlyFile().isPresent()) {
      if (options.diskDir().isPresent()) {
        throw new UsageException(
            "--disk-read-only and --disk-dir exclude each other: --disk-read-only reads an"
                + " existing file and writes nothing, --disk-dir is where a test file is written");
      }
      validateReadOnly(Path.of(options.diskReadOnlyFile().get()));
    } else {
      validateFolder(folder(options), options.diskDir().isPresent(), options.diskSizeBytes());
    }
  }

  static void validateReadOnly(Path file) {
    String name = "--disk-read-only " + file;
    if (!Files.exists(file)) {
      throw new UsageException(name + ": no such file; name an existing file or block device");
    }
    if (Files.isDirectory(file)) {
      throw new UsageException(name + " is a folder; name an existing file or block device");
    }
    long size;
    try (DiskFile probe = DiskFile.openReadOnly(file, false)) {
      size = probe.size();
    } catch (IOException | SecurityException e) {
      throw new UsageException(name + " cannot be read: " + e.getMessage(), e);
    }
    if (size < MIN_READ_ONLY_BYTES) {
      throw new UsageException(
          name + " holds " + size + " bytes; at least 1MiB is needed to measure reads");
    }
  }

  static void validateFolder(Path folder, boolean named, long fileBytes) {
    String name = named ? "--disk-dir " + folder : "the current directory " + folder;
    String fix = named ? "name an existing, writable folder" : "or name one with --disk-dir";
    if (!Files.isDirectory(folder)) {
      throw new UsageException(
          name + (Files.exists(folder) ? " is not a folder; " : " does not exist; ") + fix);
    }
    try {
      Path probe =
          Files.createTempFile(
              folder,
              ".anatomy-probe-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.delete(probe);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      throw new UsageException(name + " is not writable (" + e.getMessage() + "); " + fix, e);
    }
    long free;
    try {
      free = Files.getFileStore(folder).getUsableSpace();
    } catch (IOException e) {
      throw new UsageException(name + ": cannot read its free space: " + e.getMessage(), e);
    }
    long need = requiredFreeBytes(fileBytes);
    if (free < need) {
      throw new UsageException(
          name
              + " has "
              + formatBytes(free)
              + " free; a "
              + formatBytes(fileBytes)
              + " test file needs "
              + formatBytes(need)
              + " (twice --disk-size plus 1GiB): choose a smaller --disk-size or another folder");
    }
  }

  /**
   * A size in binary units.
   *
   * @param bytes the size
   * @return e.g. "1GiB", "1.5GiB", "640MiB", "512B"
   */
  static String formatBytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    if (v == Math.rint(v)) {
      return (long) v + units[u];
    }
    return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
  }
}
