package dev.anatomy.compute;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits for the JIT compilers to go quiet after a warm-up, so no kernel is timed while its C2
 * version is still being compiled (it would run in the interpreter or C1 code, several times
 * slower, and the compiler thread would take a core from the measurement).
 */
final class JitQuiet {
  private static final long POLL_MS = 15;
  private static final int QUIET_POLLS = 3;

  private JitQuiet() {}

  /**
   * Returns once the JVM's total compilation time has not grown for three polls 15 ms apart, or
   * after {@code maxMs}.
   *
   * @param maxMs the longest wait
   * @return milliseconds waited
   */
  static long await(long maxMs) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return 0;
    }
    long last = jit.getTotalCompilationTime();
    int quiet = 0;
    while (quiet < QUIET_POLLS && (System.nanoTime() - start) / 1_000_000 < maxMs) {
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = jit.getTotalCompilationTime();
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
