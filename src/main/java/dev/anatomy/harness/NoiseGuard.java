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

  static NoiseRecord compute(
      String name, double seconds, CpuTimes a, CpuTimes b, long selfTicks, double load) {
    if (a == null || b == null) {
      return new NoiseRecord(name, seconds, 0, 0, load);
    }
    long total = b.total() - a.total();
    if (total <= 0) {
      return new NoiseRecord(name, seconds, 0, 0, load);
    }
    double steal = (double) (b.steal() - a.steal()) / total;
    double foreign = Math.max(0, (double) (b.busy() - a.busy() - selfTicks) / total);
    return new NoiseRecord(name, seconds, steal, foreign, load);
  }

  private static CpuTimes readCpu() {
    try {
      return CpuTimes.parse(Files.readAllLines(PROC_STAT));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long readSelfTicks() {
    try {
      return parseSelfTicks(Files.readString(SELF_STAT));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** utime + stime of /proc/self/stat (fields 14 and 15, counted after the command name). */
  static long parseSelfTicks(String stat) {
    String afterName = stat.substring(stat.lastIndexOf(')') + 2);
    String[] f = afterName.split(" ");
    // afterName starts at field 3 (state); utime is field 14, stime field 15.
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static double readLoad() {
    try {
      return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
