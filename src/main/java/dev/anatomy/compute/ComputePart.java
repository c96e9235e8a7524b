package dev.anatomy.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseGuard;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Sampler;
import dev.anatomy.result.PartResult;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureContext;
import dev.anatomy.run.Part;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * The computing units: the clock (one core busy, then all), instruction-level parallelism, SIMD
 * width and speedup, peak FLOP/s against its ceiling, SMT, multicore scaling with Amdahl and USL
 * fits, and two demos of what limits scaling (a fork-join serial phase, a global lock).
 *
 * <p>Every kernel is compiled before anything is timed (many short calls, then a wait until the JIT
 * is quiet), because a kernel timed while C2 still compiles it runs in slower code and the compiler
 * takes a core. The clock comes first: ILP and the FLOP/s ceiling are expressed in its cycles.
 */
public final class ComputePart implements Part {
  /** Creates the part. */
  public ComputePart() {}

  @Override
  public String name() {
    return "compute";
  }

  @Override
  public PartResult measure(MeasureContext ctx) {
    ComputePlan plan = ComputePlan.of(ctx);
    Unavailable unavailable = new Unavailable();
    ComputeFindings f = new ComputeFindings();
    f.tscHzReported = ctx.machine().reportedMhz() * 1e6;
    NoiseGuard noise = ctx.noise();
    boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    int[] cpus = plan.cpus().stream().mapToInt(Integer::intValue).toArray();
    try (PinnedPool pool = new PinnedPool(cpus);
        ScalarChild scalar = ScalarChild.start(plan, vector)) {
      if (!pool.pinned()) {
        unavailable.add(
            "compute.pinning", "the kernel refused to pin threads to CPUs; threads ran unpinned");
      }
      Sampler sampler = new Sampler(plan.kernelPlan());
      long target = plan.sampleTargetNs();
      IlpProbe ilp = new IlpProbe(pool, sampler, target);
      Sampler headline = new Sampler(plan.headlinePlan());
      PeakFlopsProbe peak = new PeakFlopsProbe(pool, headline, target);
      SimdProbe simd = new SimdProbe(headline, target);
      DemoProbe demos = new DemoProbe(pool, plan);
      noise.watch("compute.warmup", () -> warmUp(ctx, pool, ilp, peak, simd, demos, vector, f));
      noise.watch("compute.clock", () -> clock(ctx, pool, headline, plan, f));
      noise.watch("compute.ilp", () -> ilp(ctx, ilp, f));
      boolean peakReady = vector && compiled(f, "peak ", unavailable, "compute.peakFlops");
      boolean simdReady = vector && compiled(f, "SIMD ", unavailable, "compute.simd");
      if (!vector) {
        String why = "the jdk.incubator.vector module is not loaded (--add-modules missing)";
        unavailable.add("compute.peakFlops", why);
        unavailable.add("compute.simd", why);
      }
      if (peakReady) {
        noise.watch("compute.peakFlops", () -> peakFlops(ctx, peak, plan, f));
      }
      if (simdReady) {
        noise.watch("compute.simd", () -> simd(ctx, pool, simd, scalar, plan, f, unavailable));
      }
      noise.watch("compute.smt", () -> smt(ctx, sampler, plan, f, unavailable));
      if (plan.maxThreads() < 2) {
        String why = "needs at least 2 CPUs; this process may use " + plan.cpus();
        unavailable.add("compute.scaling", why);
        unavailable.add("compute.amdahlDemo", why);
        unavailable.add("compute.globalLockDemo", why);
      } else {
        noise.watch("compute.scaling", () -> scaling(ctx, pool, plan, f, unavailable, peakReady));
        noise.watch("compute.demos", () -> demos(ctx, demos, plan, f));
      }
    }
    ObjectNode section = ComputeDocument.write(plan, f);
    return new PartResult(name(), section, unavailable.asMap(), noise.records(), true);
  }

  private static void warmUp(
      MeasureContext ctx,
      PinnedPool pool,
      IlpProbe ilp,
      PeakFlopsProbe peak,
      SimdProbe simd,
      DemoProbe demos,
      boolean vector,
      ComputeFindings f) {
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "compute: compiling kernels", 1);
    long start = System.nanoTime();
    long maxNs = (long) ctx.effort().pick(6e9, 10e9, 20e9);
    try (Arena arena = Arena.ofShared()) {
      // Vector API kernels first: C2 raises its thresholds with the length of its queue, and
      // these are the kernels that run a hundred times slower until C2 has them. Their C2
      // compilations then overlap the scalar kernels' warm-up.
      JitWarmUp warmUp = new JitWarmUp();
      if (vector) {
        peak.addWarmUp(warmUp);
        simd.addWarmUp(warmUp, SimdProbe.Loops.VECTOR);
      }
      MemorySegment small = arena.allocate(64 * 1024, 64);
      MemoryReadLoop.fill(small, 0, small.byteSize());
      ScalingProbe.addWarmUp(warmUp, small);
      if (vector && ctx.effort() != Effort.QUICK) {
        simd.addWarmUp(warmUp, SimdProbe.Loops.PLAIN);
      }
      ilp.addWarmUp(warmUp);
      demos.addWarmUp(warmUp);
      JitWarmUp.Result r = pool.run(1, w -> warmUp.run(maxNs)).get(0);
      f.jitWarmUpCalls = r.calls();
      f.jitWarmUp = r;
      f.notCompiled.addAll(r.slow());
    }
    f.jitWarmUpMs = (System.nanoTime() - start) / 1_000_000;
    meter.done();
  }

  /**
   * Whether the warm-up compiled every kernel of a family; if not, records why its figures are
   * missing: a kernel timed in C1 code would be reported a hundred times too slow.
   */
  private static boolean compiled(
      ComputeFindings f, String prefix, Unavailable unavailable, String key) {
    List<String> slow = f.notCompiled.stream().filter(k -> k.startsWith(prefix)).toList();
    if (slow.isEmpty()) {
      return true;
    }
    unavailable.add(
        key,
        "the JIT had not compiled "
            + String.join(", ", slow)
            + " after the warm-up's "
            + f.jitWarmUpMs
            + " ms (an overloaded machine); timing it would report interpreter speed");
    return false;
  }

  private static void clock(
      MeasureContext ctx, PinnedPool pool, Sampler sampler, ComputePlan plan, ComputeFindings f) {
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "compute: clock", 2);
    ClockProbe probe = new ClockProbe(pool, sampler, plan.sampleTargetNs());
    int n = probe.calibrate();
    f.clock = probe.measure(1, n);
    meter.advance(1);
    f.clockCores = plan.coreCpus().size();
    f.clockAllCores = probe.measure(f.clockCores, n);
    meter.done();
  }

  private static void ilp(MeasureContext ctx, IlpProbe probe, ComputeFindings f) {
    int points = IlpOp.values().length * IlpOp.CHAINS.length;
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "compute: ILP", points);
    for (IlpOp op : IlpOp.values()) {
      for (int chains : IlpOp.CHAINS) {
        f.ilp.add(probe.measure(op, chains, f.clock.value()));
        meter.advance(1);
      }
    }
    meter.done();
  }

  private static void peakFlops(
      MeasureContext ctx, PeakFlopsProbe probe, ComputePlan plan, ComputeFindings f) {
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "compute: peak FLOP/s", 4);
    f.peakCores = plan.coreCpus().size();
    for (PeakFlopsKernel k : PeakFlopsKernel.values()) {
      int n = probe.calibrate(k);
      f.peakPerCore.put(k, probe.measure(k, 1, n));
      meter.advance(1);
      f.peakAllCores.put(k, probe.measure(k, f.peakCores, n));
      meter.advance(1);
    }
    meter.done();
  }

  private static void simd(
      MeasureContext ctx,
      PinnedPool pool,
      SimdProbe probe,
      ScalarChild scalar,
      ComputePlan plan,
      ComputeFindings f,
      Unavailable unavailable) {
    ProgressMeter meter =
        new ProgressMeter(ctx.progress(), "compute: SIMD", 2.0 * SimdKernel.values().length + 4);
    pool.run(
        1,
        w -> {
          for (SimdKernel k : SimdKernel.values()) {
            f.simdVector.put(k, probe.measure(k, SimdProbe.Loops.VECTOR));
            meter.advance(1);
            if (plan.effort() != Effort.QUICK) {
              f.simdAuto.put(k, probe.measure(k, SimdProbe.Loops.PLAIN));
            }
            meter.advance(1);
          }
          return null;
        });
    try {
      ScalarBaseline.Result result = scalar.measure();
      f.simdScalar.putAll(result.samples());
      f.scalarPinned = result.pinned();
    } catch (ScalarBaseline.FailedException e) {
      unavailable.add("compute.simd.speedup", e.getMessage());
    }
    meter.done();
  }

  /**
   * The scalar-baseline JVM, started at the beginning so its start-up and warm-up overlap this
   * JVM's warm-up (on the last CPU, while this JVM warms up on the first), or the reason it could
   * not start.
   */
  private static final class ScalarChild implements AutoCloseable {
    private final ScalarBaseline.Child child;
    private final String failure;

    private ScalarChild(ScalarBaseline.Child child, String failure) {
      this.child = child;
      this.failure = failure;
    }

    static ScalarChild start(ComputePlan plan, boolean vector) {
      if (!vector) {
        return new ScalarChild(null, "no Vector API to compare with");
      }
      List<Integer> cpus = plan.cpus();
      try {
        return new ScalarChild(
            ScalarBaseline.start(
                plan.sampleTargetNs(), plan.headlinePlan(), cpus.get(cpus.size() - 1), cpus.get(0)),
            null);
      } catch (ScalarBaseline.FailedException e) {
        return new ScalarChild(null, e.getMessage());
      }
    }

    ScalarBaseline.Result measure() throws ScalarBaseline.FailedException {
      if (child == null) {
        throw new ScalarBaseline.FailedException(failure);
      }
      return child.measure();
    }

    @Override
    public void close() {
      if (child != null) {
        child.close();
      }
    }
  }

  private static void smt(
      MeasureContext ctx,
      Sampler sampler,
      ComputePlan plan,
      ComputeFindings f,
      Unavailable unavailable) {
    Optional<String> why = SmtPlan.unavailableReason(ctx.machine(), plan.cpus());
    if (why.isPresent()) {
      unavailable.add("compute.smt", why.get());
      return;
    }
    var pairs = SmtPlan.pairs(ctx.machine(), plan.cpus());
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "compute: SMT", pairs.size());
    SmtProbe probe = new SmtProbe(sampler, plan.sampleTargetNs());
    for (SmtPlan.Pair pair : pairs) {
      f.smt.add(probe.measure(pair));
      meter.advance(1);
    }
    meter.done();
  }

  private static void scaling(
      MeasureContext ctx,
      PinnedPool pool,
      ComputePlan plan,
      ComputeFindings f,
      Unavailable unavailable,
      boolean peakReady) {
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "compute: scaling", 2);
    ScalingProbe probe = new ScalingProbe(pool, plan);
    if (peakReady) {
      f.computeBound = probe.computeBound();
      f.computeBound
          .uslUnavailable()
          .ifPresent(reason -> unavailable.add("compute.scaling.usl", reason));
    } else {
      unavailable.add(
          "compute.scaling.computeBound",
          "its kernel is the FP64 peak-FLOPS loop, unavailable here (see compute.peakFlops)");
    }
    meter.advance(1);
    f.memoryBound = probe.memoryBound();
    meter.done();
  }

  private static void demos(
      MeasureContext ctx, DemoProbe probe, ComputePlan plan, ComputeFindings f) {
    ProgressMeter meter =
        new ProgressMeter(
            ctx.progress(),
            "compute: Amdahl and global-lock demos",
            2.0 * plan.serialFractions().size());
    f.demos = probe.measure(meter);
    meter.done();
  }
}
