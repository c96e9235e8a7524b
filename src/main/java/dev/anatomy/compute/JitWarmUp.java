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
 * each Vector API kernel has made one call at compiled speed (under {@value #VECTOR_OP_NS} ns per
 * vector operation: C2 code takes about 1, C1 code and the interpreter 50 and more) and the JIT has
 * been quiet for {@value #QUIET_MS} ms of calling. A machine too busy for that within the time
 * limit gets the names of the kernels still slow, so their figures can be withheld.
 */
final class JitWarmUp {
  private static final long QUIET_MS = 40;
  private static final long VECTOR_OP_NS = 20;

  private final List<Kernel> kernels = new ArrayList<>();

  private static final class Kernel {
    final String name;
    final Runnable call;
    final int times;
    final long vectorOps;
    boolean ready;

    Kernel(String name, Runnable call, int times, long vectorOps) {
      this.name = name;
      this.call = call;
      this.times = times;
      this.vectorOps = vectorOps;
      this.ready = vectorOps == 0;
    }
  }

  /**
   * What a warm-up did.
   *
   * @param calls kernel calls made
   * @param slow Vector API kernels that never ran at compiled speed before the time limit
   * @param firstPassMs how long the first pass (each kernel on its own) took
   * @param readyMs when every Vector API kernel had run at compiled speed, from the start
   * @param quiet whether the JIT went quiet before the time limit
   */
  record Result(long calls, List<String> slow, long firstPassMs, long readyMs, boolean quiet) {}

  /**
   * Adds a scalar kernel call.
   *
   * @param call one short call of a kernel (microseconds once compiled)
   * @param times calls in the first pass: enough, with the call's loop iterations, to pass the
   *     tiered policy's thresholds
   * @return this
   */
  JitWarmUp add(Runnable call, int times) {
    kernels.add(new Kernel("", call, times, 0));
    return this;
  }

  /**
   * Adds a Vector API kernel call, which the warm-up calls until it runs at compiled speed.
   *
   * @param name the kernel's name, reported if it never gets there
   * @param call one short call of the kernel
   * @param times calls in the first pass
   * @param vectorOps vector operations one call performs
   * @return this
   */
  JitWarmUp addVector(String name, Runnable call, int times, long vectorOps) {
    kernels.add(new Kernel(name, call, times, vectorOps));
    return this;
  }

  /**
   * Runs both passes.
   *
   * @param maxNs the longest warm-up
   * @return the calls made and the kernels still slow
   */
  Result run(long maxNs) {
    long start = System.nanoTime();
    long made = 0;
    for (Kernel k : kernels) {
      for (int i = k.times; i > 0; i--) {
        k.call.run();
      }
      made += k.times;
      if (System.nanoTime() - start >= maxNs) {
        break;
      }
    }
    long firstPassMs = (System.nanoTime() - start) / 1_000_000;
    long readyMs = -1;
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watch = jit != null && jit.isCompilationTimeMonitoringSupported();
    long lastTotal = watch ? jit.getTotalCompilationTime() : 0;
    long lastChange = System.nanoTime();
    while (true) {
      boolean allReady = true;
      for (Kernel k : kernels) {
        if (k.ready) {
          k.call.run();
        } else {
          long t = System.nanoTime();
          k.call.run();
          k.ready = System.nanoTime() - t < k.vectorOps * VECTOR_OP_NS;
          allReady &= k.ready;
        }
      }
      made += kernels.size();
      long now = System.nanoTime();
      if (watch) {
        long total = jit.getTotalCompilationTime();
        if (total != lastTotal) {
          lastTotal = total;
          lastChange = now;
        }
      }
      if (allReady && readyMs < 0) {
        readyMs = (now - start) / 1_000_000;
      }
      boolean quiet = !watch || now - lastChange >= QUIET_MS * 1_000_000;
      if ((allReady && quiet) || now - start >= maxNs) {
        List<String> slow = kernels.stream().filter(k -> !k.ready).map(k -> k.name).toList();
        return new Result(made, slow, firstPassMs, readyMs, quiet);
      }
    }
  }
}
