package dev.anatomy.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads how much of a mapping the kernel backs with transparent huge pages. */
final class SmapsReader {
  private static final Path SMAPS = Path.of("/proc/self/smaps");

  private SmapsReader() {}

  static long anonHugeBytes(long start, long end) {
    try {
      return parseAnonHugeBytes(Files.readAllLines(SMAPS), start, end);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Sums {@code AnonHugePages} of the mappings that overlap [start, end).
   *
   * @param lines the text of /proc/PID/smaps
   * @return bytes, 0 if no overlapping mapping has huge pages
   */
  static long parseAnonHugeBytes(List<String> lines, long start, long end) {
    long total = 0;
    boolean inside = false;
    for (String line : lines) {
      int dash = line.indexOf('-');
      int space = line.indexOf(' ');
      if (dash > 0 && space > dash && isHex(line, 0, dash)) {
        long lo = Long.parseUnsignedLong(line.substring(0, dash), 16);
        long hi = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
        inside = lo < end && hi > start;
      } else if (inside && line.startsWith("AnonHugePages:")) {
        total += kib(line) * 1024;
      }
    }
    return total;
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return to > from;
  }

  private static long kib(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]);
  }
}
