package dev.anatomy.compute;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the kernels before anything is timed, so no kernel is timed in the interpreter or in C1
 * code (a Vector API kernel there runs ten to a hundred times slower) and no C2 compilation shares
 * the machine with a measurement.
 *
 * <p>Two passes. First each kernel on its own, called enough times for HotSpot's tiered policy to
 * ask C2 for it (at tier 3 a method goes to C2 after 5000 calls, or after 600 calls once calls plus
 * loop iterations pass 15000, both scaled up by the length of C2's queue): one kernel at a time
 * keeps that queue, and so the thresholds, short. Then every kernel in turn, over and over, until
 * each Vector API kernel's <em>probe</em> has run at compiled speed and the JIT has been quiet for
 * {@value #QUIET_MS} ms of calling.
 *
 * <p>The probe is a call of the kernel through the path the measurement takes, with enough work
 * (thousands of vector operations) that speed tells the tiers apart: under {@value #VECTOR_OP_NS}
 * ns per vector operation, plus {@value #CALL_OVERHEAD_NS} ns for the call itself. C2 code takes
 * well under 1 ns; C1 code calls the Vector API's Java implementation for every operation, which
 * costs 5 to 10 ns even once that implementation is compiled, and the interpreter far more. Probes
 * run at most every {@value #PROBE_EVERY_MS} ms, so they never get hot themselves: a hot probe
 * would be compiled with the kernel inlined into it and run fast while the kernel the measurement
 * calls was still in C1. A machine too busy for all that within the time limit gets the names of
 * the kernels still slow, so their figures can be withheld.
 */
final class JitWarmUp {
  private static final long QUIET_MS = 60;
  private static final long VECTOR_OP_NS = 2;
  private static final long CALL_OVERHEAD_NS = 2_000;
  private static final long PROBE_EVERY_MS = 5;

  private final List<Kernel> kernels = new ArrayList<>();

  private static final class Kernel {
    final String name;
    final Runnable call;
    final int times;
    final Runnable probe;
    final long probeOps;
    boolean ready;

    Kernel(String name, Runnable call, int times, Runnable probe, long probeOps) {
      this.name = name;
      this.call = call;
      this.times = times;
      this.probe = probe;
      this.probeOps = probeOps;
      this.ready = probe == null;
    }
  }

  /**
   * What a warm-up did.
   *
   * @param calls kernel calls made
   * @param slow Vector API kernels whose probe never ran at compiled speed before the time limit
   * @param firstPassMs how long the first pass (each kernel on its own) took
   * @param readyMs when every Vector API kernel's probe had run at compiled speed, from the start
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
    kernels.add(new Kernel("", call, times, null, 0));
    return this;
  }

  /**
   * Adds a Vector API kernel, called until its probe runs at compiled speed.
   *
   * @param name the kernel's name, reported if it never gets there
   * @param call one short call of the kernel
   * @param times calls in the first pass
   * @param probe one call of the kernel through the measurement's path, with thousands of vector
   *     operations
   * @param probeOps vector operations the probe performs
   * @return this
   */
  JitWarmUp addVector(String name, Runnable call, int times, Runnable probe, long probeOps) {
    kernels.add(new Kernel(name, call, times, probe, probeOps));
    return this;
  }

  /**
   * Whether one timed call of a probe ran at compiled speed.
   *
   * @param probe the probe
   * @param ops vector operations it performs
   * @return true if under {@value #VECTOR_OP_NS} ns per operation plus the call's own cost
   */
  static boolean fast(Runnable probe, long ops) {
    long t = System.nanoTime();
    probe.run();
    return System.nanoTime() - t < ops * VECTOR_OP_NS + CALL_OVERHEAD_NS;
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
    long lastProbe = 0;
    while (true) {
      for (Kernel k : kernels) {
        k.call.run();
      }
      made += kernels.size();
      long now = System.nanoTime();
      if (now - lastProbe >= PROBE_EVERY_MS * 1_000_000) {
        for (Kernel k : kernels) {
          if (!k.ready) {
            k.ready = fast(k.probe, k.probeOps);
          }
        }
        lastProbe = System.nanoTime();
      }
      boolean allReady = kernels.stream().allMatch(k -> k.ready);
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
