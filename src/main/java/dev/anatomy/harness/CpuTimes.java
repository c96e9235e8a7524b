package dev.anatomy.harness;

import java.util.List;

/**
 * The machine-wide CPU time counters of {@code /proc/stat}'s first line, in clock ticks.
 *
 * @param busy ticks spent running anything (user, nice, system, irq, softirq)
 * @param idle ticks idle or waiting for I/O
 * @param steal ticks the hypervisor ran someone else while this VM wanted to run
 */
public record CpuTimes(long busy, long idle, long steal) {
  /**
   * All ticks counted.
   *
   * @return busy + idle + steal
   */
  public long total() {
    return busy + idle + steal;
  }

  /**
   * Parses the aggregate {@code cpu} line of /proc/stat.
   *
   * @param lines the file's lines
   * @return the counters
   */
  static CpuTimes parse(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        long user = field(f, 1);
        long nice = field(f, 2);
        long system = field(f, 3);
        long idle = field(f, 4);
        long iowait = field(f, 5);
        long irq = field(f, 6);
        long softirq = field(f, 7);
        long steal = field(f, 8);
        return new CpuTimes(user + nice + system + irq + softirq, idle + iowait, steal);
      }
    }
    throw new IllegalArgumentException("no aggregate 'cpu' line in /proc/stat");
  }

  private static long field(String[] f, int i) {
    return i < f.length ? Long.parseLong(f[i]) : 0;
  }
}
