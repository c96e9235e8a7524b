package dev.anatomy.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches steal time and other processes' load around each measuring step.
 *
 * <p>At the start and end of a step it reads the machine's CPU counters ({@code /proc/stat}), this
 * process's own CPU time ({@code /proc/self/stat}) and the load average. What the machine did
 * beyond this process is other work: a busy neighbour, or a hypervisor giving the core away.
 *
 * <pre>{@code
 * NoiseGuard guard = new NoiseGuard();
 * guard.watch("memory.latency", () -> measureLatency());
 * boolean busy = guard.records().stream().anyMatch(NoiseRecord::busy);
 * }</pre>
 */
public final class NoiseGuard {
  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final Path SELF_STAT = Path.of("/proc/self/stat");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private final List<NoiseRecord> records = new ArrayList<>();

  /** A step being watched; closing it records the step. */
  public final class Step implements AutoCloseable {
    private final String name;
    private final long startNs;
    private final CpuTimes startCpu;
    private final long startSelfTicks;

    private Step(String name) {
      this.name = name;
      this.startCpu = readCpu();
      this.startSelfTicks = readSelfTicks();
      this.startNs = System.nanoTime();
    }

    @Override
    public void close() {
      double seconds = (System.nanoTime() - startNs) / 1e9;
      CpuTimes endCpu = readCpu();
      long selfTicks = readSelfTicks() - startSelfTicks;
      synchronized (records) {
        records.add(compute(name, seconds, startCpu, endCpu, selfTicks, readLoad()));
      }
    }
  }

  /**
   * Starts watching a step.
   *
   * @param name the step's name
   * @return the step; close it when the step ends
   */
  public Step begin(String name) {
    return new Step(name);
  }

  /**
   * Runs a step under watch.
   *
   * @param name the step's name
   * @param body the step
   */
  public void watch(String name, Runnable body) {
    Step step = begin(name);
    try {
      body.run();
    } finally {
      step.close();
    }
  }

  /**
   * The steps recorded so far.
   *
   * @return a copy, in the order the steps ended
   */
  public List<NoiseRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /**
   * Ticks of other work that a step's counters cannot tell from none: the machine's busy ticks and
   * this process's are two clocks' counts, each read at both ends of the step, so they can differ
   * by a tick at each end. Without this allowance a step of a few milliseconds (4 ms, 5 ticks on
   * two CPUs) that one stray tick fell into read as 100% busy, and its card warned.
   */
  static final long FOREIGN_TICK_SLACK = 2;

  /** Steal ticks within the counter's resolution at the two ends of a step: one. */
  static final long STEAL_TICK_SLACK = 1;

  static NoiseRecord compute(
      String name, double seconds, CpuTimes a, CpuTimes b, long selfTicks, double load) {
    if (a == null || b == null) {
      return new NoiseRecord(name, seconds, 0, 0, load);
    }
    long total = b.total() - a.total();
    if (total <= 0) {
      return new NoiseRecord(name, seconds, 0, 0, load);
    }
    double steal = Math.max(0, (double) (b.steal() - a.steal() - STEAL_TICK_SLACK) / total);
    double foreign =
        Math.max(0, (double) (b.busy() - a.busy() - selfTicks - FOREIGN_TICK_SLACK) / total);
    return new NoiseRecord(name, seconds, steal, foreign, load);
  }

  private static CpuTimes readCpu() {
    try {
      return CpuTimes.parse(Files.readAllLines(PROC_STAT));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * CPU ticks of this process and everything it started: its own, its waited-for children's, and
   * those of descendants still running (a part may fork a helper JVM, whose work is not another
   * tenant's).
   */
  private static long readSelfTicks() {
    long ticks;
    try {
      ticks = parseSelfTicks(Files.readString(SELF_STAT));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
      try {
        ticks += parseSelfTicks(Files.readString(Path.of("/proc", child.pid() + "", "stat")));
      } catch (IOException | RuntimeException e) {
        // the child ended between listing and reading: its ticks are in cutime now
      }
    }
    return ticks;
  }

  /**
   * utime + stime + cutime + cstime of a /proc/PID/stat line (fields 14 to 17, counted after the
   * command name, which may itself hold spaces and parentheses).
   */
  static long parseSelfTicks(String stat) {
    String afterName = stat.substring(stat.lastIndexOf(')') + 2);
    String[] f = afterName.split(" ");
    // afterName starts at field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    return Long.parseLong(f[11])
        + Long.parseLong(f[12])
        + Long.parseLong(f[13])
        + Long.parseLong(f[14]);
  }

  private static double readLoad() {
    try {
      return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
