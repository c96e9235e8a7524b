package dev.anatomy.compute;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the kernels before anything is timed, so no kernel is timed in the interpreter or in C1
 * code (a Vector API kernel there runs a hundred times slower) and no C2 compilation shares the
 * machine with a measurement.
 *
 * <p>Two passes. First each kernel on its own, called enough times for HotSpot's tiered policy to
 * ask C2 for it (at tier 3 a method goes to C2 after 5000 calls, or after 600 calls once calls plus
 * loop iterations pass 15000, both scaled up by the length of C2's queue): one kernel at a time
 * keeps that queue, and so the thresholds, short. Then every kernel in turn, over and over, until
 * the JIT has been quiet for {@value #QUIET_MS} ms of calling: a kernel whose C2 request waited in
 * the queue is called until it is installed.
 */
final class JitWarmUp {
  private static final long QUIET_MS = 60;

  private final List<Runnable> calls = new ArrayList<>();
  private final List<Integer> counts = new ArrayList<>();

  /**
   * Adds a kernel call.
   *
   * @param call one short call of a kernel (microseconds once compiled)
   * @param times calls in the first pass: enough, with the call's loop iterations, to pass the
   *     tiered policy's thresholds
   * @return this
   */
  JitWarmUp add(Runnable call, int times) {
    calls.add(call);
    counts.add(times);
    return this;
  }

  /**
   * Runs both passes.
   *
   * @param maxNs the longest warm-up
   * @return calls made
   */
  long run(long maxNs) {
    long start = System.nanoTime();
    long made = 0;
    for (int k = 0; k < calls.size(); k++) {
      Runnable call = calls.get(k);
      for (int i = counts.get(k); i > 0; i--) {
        call.run();
      }
      made += counts.get(k);
      if (System.nanoTime() - start >= maxNs) {
        return made;
      }
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watch = jit != null && jit.isCompilationTimeMonitoringSupported();
    long lastTotal = watch ? jit.getTotalCompilationTime() : 0;
    long lastChange = System.nanoTime();
    while (true) {
      for (Runnable call : calls) {
        call.run();
      }
      made += calls.size();
      long now = System.nanoTime();
      if (watch) {
        long total = jit.getTotalCompilationTime();
        if (total != lastTotal) {
          lastTotal = total;
          lastChange = now;
        }
      }
      if (!watch || now - lastChange >= QUIET_MS * 1_000_000 || now - start >= maxNs) {
        return made;
      }
    }
  }
}
