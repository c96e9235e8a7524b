package dev.anatomy.model.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.model.Access;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import dev.anatomy.run.MeasureContext;
import dev.anatomy.run.Part;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs the validation suite in the measuring JVM: every kernel at every working set the options
 * name (one per tier) and at 1..N threads, each thread on its own share, timed together from a
 * barrier. The prediction side lives in the parent ({@link dev.anatomy.model.Validation}); this
 * part only measures, and checks every kernel's result.
 */
public final class ValidationPart implements Part {
  /** The part's name; not one of the card's parts, run only by {@code validate}. */
  public static final String NAME = "validation";

  /** Warm-up calls before the JIT is watched. */
  static final long MIN_WARMUP_CALLS = 20_000;

  /** The shortest warm-up of one kernel. */
  static final long MIN_WARMUP_MS = 500;

  /**
   * How long the JIT must stay idle to end a warm-up: longer than a C2 compilation of a Vector API
   * loop takes on a busy machine, since the compilation time the JVM reports moves only when a
   * compilation ends.
   */
  static final long QUIET_MS = 250;

  /** The longest warm-up of one kernel. */
  static final long MAX_WARMUP_MS = 5_000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PartResult measure(MeasureContext ctx) {
    List<Long> sizes = ctx.options().suiteSizes();
    List<Integer> threads = threadCounts(ctx.cpus().size());
    List<SuiteKernel> kernels = Suite.kernels();
    ArrayNode runs = Json.array();
    long target = (long) ctx.effort().pick(3e6, 8e6, 20e6);
    int rounds = ctx.effort().pick(2, 3, 5);
    Sampler sampler = new Sampler(new Sampler.Plan(1, 2, 2, 0.05, 2));
    ProgressMeter meter =
        new ProgressMeter(
            ctx.progress(),
            "validate: kernel suite",
            (double) kernels.size() * sizes.size() * threads.size() * (rounds + 1));
    try (PinnedPool pool = new PinnedPool(ctx.cpuArray())) {
      ctx.noise()
          .watch(
              "validation.suite",
              () -> {
                for (SuiteKernel k : kernels) {
                  warmUp(pool, k);
                  List<Config> configs = new ArrayList<>();
                  for (long size : sizes) {
                    for (int t : threads) {
                      configs.add(new Config(pool, k, size, t, target));
                      meter.advance(1);
                    }
                  }
                  sampleInRounds(pool, configs, rounds, sampler, meter);
                  for (Config c : configs) {
                    runs.add(c.toJson());
                  }
                }
              });
    }
    meter.done();
    ObjectNode section = Json.object();
    section.set("runs", runs);
    section.put(
        "method",
        "each kernel on each thread's own share of the working set, threads released together"
            + " by a barrier; a kernel's sizes and thread counts sampled in "
            + rounds
            + " interleaved rounds (forward, then backward); measuredSeconds is the best sample");
    return new PartResult(NAME, section, Map.of(), ctx.noise().records(), true);
  }

  /**
   * Samples every configuration of one kernel in rounds, alternating their order: the calibration
   * run (one thread, the smallest set), which gives the kernel's in-core time to every other
   * prediction, is then sampled across the same stretch of time as the runs it predicts, so a busy
   * moment on this shared machine cannot bias one side alone.
   */
  private static void sampleInRounds(
      PinnedPool pool, List<Config> configs, int rounds, Sampler sampler, ProgressMeter meter) {
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < configs.size(); i++) {
        configs.get(round % 2 == 0 ? i : configs.size() - 1 - i).sample(pool, sampler);
        meter.advance(1);
      }
    }
  }

  static List<Integer> threadCounts(int cpus) {
    TreeSet<Integer> counts = new TreeSet<>();
    for (int t = 1; t < cpus; t *= 2) {
      counts.add(t);
    }
    counts.add(cpus);
    return new ArrayList<>(counts);
  }

  /**
   * Compiles the kernel's loops with many short calls on a small instance before timing: at least
   * {@value #MIN_WARMUP_CALLS} calls and {@value #MIN_WARMUP_MS} ms (past the tiered policy's
   * thresholds, with C2 given time to start), then on until the JIT has compiled nothing for
   * {@value #QUIET_MS} ms, {@value #MAX_WARMUP_MS} ms at most. A kernel timed before C2 has it (a
   * Vector API loop in C1 runs a hundred times slower) would judge the model on the JIT, not the
   * machine.
   */
  private static void warmUp(PinnedPool pool, SuiteKernel k) {
    pool.run(
        1,
        w -> {
          SuiteKernel.Instance small = k.prepare(24 << 10, 1);
          CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
          boolean watch = jit != null && jit.isCompilationTimeMonitoringSupported();
          long start = System.nanoTime();
          long lastTotal = watch ? jit.getTotalCompilationTime() : 0;
          long lastChange = start;
          for (long i = 0; ; i++) {
            small.check(1, small.run(1));
            long now = System.nanoTime();
            if (watch && (i & 63) == 0) {
              long total = jit.getTotalCompilationTime();
              if (total != lastTotal) {
                lastTotal = total;
                lastChange = now;
              }
            }
            boolean quiet = !watch || now - lastChange >= QUIET_MS * 1_000_000;
            boolean enough = i >= MIN_WARMUP_CALLS && now - start >= MIN_WARMUP_MS * 1_000_000;
            if ((enough && quiet) || now - start >= MAX_WARMUP_MS * 1_000_000) {
              return null;
            }
          }
        });
  }

  /** One kernel at one size and thread count: its instances, pass count and samples so far. */
  private static final class Config {
    private final SuiteKernel kernel;
    private final int threads;
    private final List<SuiteKernel.Instance> instances;
    private final long[] results;
    private final long passes;

    /** Every round's samples, in measurement order; null before the first round. */
    private Samples seconds;

    /**
     * Prepares each thread's share and finds the passes that make one run last the target, from the
     * faster of two runs at each pass count: one stalled run (a thread descheduled at the barrier)
     * had left two-thread dot and triad at one pass, 9 us a run, timing the barrier.
     */
    Config(PinnedPool pool, SuiteKernel k, long size, int threads, long targetNs) {
      this.kernel = k;
      this.threads = threads;
      long seed = size * 31 + threads;
      this.instances = pool.run(threads, w -> k.prepare(size / threads, seed + w));
      this.results = new long[threads];
      long p = 1;
      for (int attempt = 0; attempt < 24; attempt++) {
        long first = runTogether(pool, instances, p, results);
        long ns = Math.min(first, runTogether(pool, instances, p, results));
        if (ns >= targetNs / 2) {
          break;
        }
        p = Math.max(p * 2, (long) Math.ceil(p * (double) targetNs / Math.max(ns, 1)));
      }
      this.passes = p;
    }

    /** One round: warm-up runs until they settle, then the plan's samples, each checked. */
    void sample(PinnedPool pool, Sampler sampler) {
      Samples s =
          sampler.sample(
              () -> {
                long ns = runTogether(pool, instances, passes, results);
                pool.run(
                    threads,
                    w -> {
                      instances.get(w).check(passes, results[w]);
                      return null;
                    });
                return ns / 1e9;
              });
      seconds = seconds == null ? s : seconds.followedBy(s);
    }

    ObjectNode toJson() {
      long ws = 0;
      long iterations = 0;
      for (SuiteKernel.Instance i : instances) {
        ws += i.workingSetBytes();
        iterations += i.iterationsPerPass() * passes;
      }
      ObjectNode o = Json.object();
      o.put("name", kernel.name());
      o.put("workingSetBytes", ws);
      o.put("threads", threads);
      o.put("iterations", iterations);
      o.put("flopsPerIteration", kernel.flopsPerIteration());
      o.put("bytesReadPerIteration", kernel.bytesReadPerIteration());
      o.put("bytesWrittenPerIteration", kernel.bytesWrittenPerIteration());
      double serialised =
          instances.stream()
              .mapToDouble(SuiteKernel.Instance::serialisedLoadFraction)
              .average()
              .orElse(0);
      o.put(
          "access",
          serialised > 0 ? Access.random(serialised).toString() : kernel.access().toString());
      o.put("vectorised", kernel.vectorised());
      o.put("fma", kernel.fma());
      Figures.put(
          o,
          "measuredSeconds",
          Figure.of(seconds, Statistic.MIN, "s", "wall time of all threads, from the barrier"));
      return o;
    }
  }

  private static long runTogether(
      PinnedPool pool, List<SuiteKernel.Instance> instances, long passes, long[] results) {
    return pool.runTogether(
        instances.size(),
        w -> {
          results[w] = instances.get(w).run(passes);
          return results[w];
        });
  }
}
