package dev.anatomy.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How much memory anatomy may take for working sets: never more than half of what is available,
 * counting both the kernel's {@code MemAvailable} and the cgroup v2 limit ({@code memory.max} minus
 * {@code memory.current}) where the process runs under one.
 *
 * @param memAvailableBytes MemAvailable from /proc/meminfo
 * @param cgroupAvailableBytes memory.max minus memory.current, when a finite limit exists
 */
public record MemoryLimit(long memAvailableBytes, OptionalLong cgroupAvailableBytes) {
  /**
   * Reads the current limits.
   *
   * @return the limits now
   */
  public static MemoryLimit read() {
    long available = parseMemAvailable(readLines(Path.of("/proc/meminfo")));
    return new MemoryLimit(available, cgroupAvailable(Path.of("/sys/fs/cgroup")));
  }

  /**
   * Bytes available to this process: the smaller of MemAvailable and the cgroup's headroom.
   *
   * @return bytes
   */
  public long availableBytes() {
    return cgroupAvailableBytes.isPresent()
        ? Math.min(memAvailableBytes, cgroupAvailableBytes.getAsLong())
        : memAvailableBytes;
  }

  /**
   * The most anatomy allocates at once: half of {@link #availableBytes()}.
   *
   * @return bytes
   */
  public long budgetBytes() {
    return availableBytes() / 2;
  }

  static long parseMemAvailable(List<String> meminfo) {
    for (String line : meminfo) {
      if (line.startsWith("MemAvailable:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    for (String line : meminfo) {
      if (line.startsWith("MemFree:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * The cgroup v2 headroom of this process's group.
   *
   * @param cgroupRoot where cgroup v2 is mounted
   * @return memory.max minus memory.current, empty where there is no finite limit
   */
  static OptionalLong cgroupAvailable(Path cgroupRoot) {
    String group = "";
    for (String line : readLines(Path.of("/proc/self/cgroup"))) {
      if (line.startsWith("0::")) {
        group = line.substring(3);
      }
    }
    Path dir = cgroupRoot.resolve(group.startsWith("/") ? group.substring(1) : group);
    return parseCgroup(
        readFirst(dir.resolve("memory.max")), readFirst(dir.resolve("memory.current")));
  }

  static OptionalLong parseCgroup(String max, String current) {
    if (max == null || current == null || max.isBlank() || "max".equals(max.trim())) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(
          Math.max(0, Long.parseLong(max.trim()) - Long.parseLong(current.trim())));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static List<String> readLines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String readFirst(Path p) {
    List<String> lines = readLines(p);
    return lines.isEmpty() ? null : lines.get(0);
  }
}
