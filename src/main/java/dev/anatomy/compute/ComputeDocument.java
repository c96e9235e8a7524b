package dev.anatomy.compute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import java.util.List;

/** Writes the compute part's section of the document from its findings. */
final class ComputeDocument {
  private ComputeDocument() {}

  static ObjectNode write(ComputePlan plan, ComputeFindings f) {
    ObjectNode s = Json.object();
    ObjectNode method = s.putObject("method");
    method.put("cpus", plan.cpus().toString());
    method.put("coreCpus", plan.coreCpus().toString());
    method.put("jitWarmUpMs", f.jitWarmUpMs);
    method.put("jitWarmUpCalls", f.jitWarmUpCalls);
    if (f.jitWarmUp != null) {
      method.put("jitWarmUpFirstPassMs", f.jitWarmUp.firstPassMs());
      method.put("jitWarmUpVectorReadyMs", f.jitWarmUp.readyMs());
      method.put("jitWarmUpEndedQuiet", f.jitWarmUp.quiet());
    }
    if (!f.notCompiled.isEmpty()) {
      method.put("notCompiledInTime", String.join(", ", f.notCompiled));
    }
    if (f.clock != null) {
      Figures.put(s, "clockHz", f.clock);
      method.put(
          "clock",
          "one dependent add per cycle is assumed, true of x86 and Arm cores; the TSC rate is"
              + " what the system reports and need not be the core clock");
    }
    if (f.clockAllCores != null) {
      Figures.put(s, "clockHzAllCores", f.clockAllCores);
      s.put("clockCores", f.clockCores);
    }
    if (f.tscHzReported > 0) {
      s.put("tscHzReported", f.tscHzReported);
    }
    if (!f.ilp.isEmpty()) {
      s.set("ilp", ilp(f.ilp));
      s.set("ilpSummary", ilpSummary(f.ilp));
    }
    if (!f.simdVector.isEmpty()) {
      s.set("simd", simd(f));
    }
    if (!f.peakPerCore.isEmpty() && f.clock != null) {
      s.set("peakFlops", peak(f));
    }
    if (!f.smt.isEmpty()) {
      s.set("smt", smt(f.smt));
    }
    if (f.computeBound != null || f.memoryBound != null) {
      ObjectNode scaling = f.computeBound != null ? curve(f.computeBound) : Json.object();
      if (f.memoryBound != null) {
        scaling.set("memoryBound", curve(f.memoryBound));
      }
      s.set("scaling", scaling);
    }
    if (f.demos != null) {
      writeDemos(s, f.demos);
    }
    return s;
  }

  private static ArrayNode ilp(List<IlpProbe.Point> points) {
    ArrayNode a = Json.array();
    for (IlpProbe.Point p : points) {
      ObjectNode o = a.addObject();
      o.put("op", p.op().label());
      o.put("chains", p.chains());
      Figures.put(o, "opsPerCycle", p.opsPerCycle());
    }
    return a;
  }

  /** Per operation: latency from one chain, the best throughput, and how much the core overlaps. */
  private static ArrayNode ilpSummary(List<IlpProbe.Point> points) {
    ArrayNode a = Json.array();
    for (IlpOp op : IlpOp.values()) {
      IlpProbe.Point one = null;
      IlpProbe.Point best = null;
      for (IlpProbe.Point p : points) {
        if (p.op() != op) {
          continue;
        }
        if (p.chains() == 1) {
          one = p;
        }
        if (best == null || p.opsPerCycle().value() > best.opsPerCycle().value()) {
          best = p;
        }
      }
      if (one == null || best == null) {
        continue;
      }
      ObjectNode o = a.addObject();
      o.put("op", op.label());
      o.put("latencyCycles", 1 / one.opsPerCycle().value());
      o.put("bestOpsPerCycle", best.opsPerCycle().value());
      o.put("bestChains", best.chains());
      o.put("overlap", best.opsPerCycle().value() / one.opsPerCycle().value());
    }
    return a;
  }

  private static ObjectNode simd(ComputeFindings f) {
    ObjectNode o = Json.object();
    o.put("vectorBits", VectorArrayLoops.bits());
    o.put("lanesFp32", VectorArrayLoops.lanes("fp32"));
    o.put("lanesFp64", VectorArrayLoops.lanes("fp64"));
    o.put("lanesInt32", VectorArrayLoops.lanes("int32"));
    if (!f.simdScalar.isEmpty()) {
      o.put("speedupFp32", speedup(f, SimdKernel.FP32_FMA));
      o.put("speedupFp64", speedup(f, SimdKernel.FP64_FMA));
      o.put("speedupInt32", speedup(f, SimdKernel.INT32_FMA));
      o.put("scalarJvmPinned", f.scalarPinned);
    }
    ObjectNode m = o.putObject("method");
    m.put("vector", SimdProbe.method(SimdProbe.Loops.VECTOR));
    m.put(
        "scalar",
        SimdProbe.method(SimdProbe.Loops.PLAIN)
            + "; in a child JVM started with "
            + ScalarBaseline.NO_SUPERWORD
            + ", so C2 cannot vectorise it");
    m.put(
        "autoVectorized",
        SimdProbe.method(SimdProbe.Loops.PLAIN) + "; in this JVM, where C2 may vectorise it");
    m.put("speedups", "vector elements per second over scalar, of the FMA (multiply-add) kernels");
    ArrayNode kernels = o.putArray("kernels");
    for (SimdKernel k : SimdKernel.values()) {
      Samples vector = f.simdVector.get(k);
      if (vector == null) {
        continue;
      }
      ObjectNode e = kernels.addObject();
      e.put("kernel", k.label());
      e.put("type", k.type());
      e.put("op", k.op());
      e.put("lanes", VectorArrayLoops.lanes(k.type()));
      put(e, "vectorElementsPerSecond", vector, SimdProbe.Loops.VECTOR, "Vector API");
      Samples auto = f.simdAuto.get(k);
      if (auto != null) {
        put(e, "autoVectorizedElementsPerSecond", auto, SimdProbe.Loops.PLAIN, "C2 SuperWord on");
        e.put("autoVectorizedSpeedupOverScalar", ratio(auto, f.simdScalar.get(k)));
      }
      Samples scalar = f.simdScalar.get(k);
      if (scalar != null) {
        put(e, "scalarElementsPerSecond", scalar, SimdProbe.Loops.PLAIN, "-XX:-UseSuperWord");
        e.put("speedup", vector.max() / scalar.max());
      }
    }
    return o;
  }

  private static double ratio(Samples a, Samples b) {
    return b == null ? Double.NaN : a.max() / b.max();
  }

  private static double speedup(ComputeFindings f, SimdKernel k) {
    return f.simdVector.get(k).max() / f.simdScalar.get(k).max();
  }

  private static void put(
      ObjectNode e, String key, Samples s, SimdProbe.Loops loops, String variant) {
    Figures.put(
        e,
        key,
        Figure.of(s, Statistic.MAX, "element/s", SimdProbe.method(loops)).withVariant(variant));
  }

  private static ObjectNode peak(ComputeFindings f) {
    ObjectNode o = Json.object();
    double clock = f.clock.value();
    double clockAll = f.clockAllCores != null ? f.clockAllCores.value() : clock;
    int cores = f.peakCores;
    Figure fp64 = f.peakPerCore.get(PeakFlopsKernel.FP64);
    int lanes64 = PeakFlopsKernel.FP64.lanes();
    double perFmaUnit = clock * lanes64 * 2;
    int units = (int) Math.max(1, Math.round(fp64.value() / perFmaUnit));
    for (PeakFlopsKernel k : PeakFlopsKernel.values()) {
      Figure perCore = f.peakPerCore.get(k);
      if (perCore != null) {
        Figures.put(o, k.label() + "PerCore", perCore);
      }
      Figure all = f.peakAllCores.get(k);
      if (all != null) {
        Figures.put(o, k.label() + "AllCores", all);
      }
      double ceilingPerCore = clock * k.lanes() * 2 * units;
      o.put(k.label() + "CeilingPerCore", ceilingPerCore);
      o.put(k.label() + "Ceiling", cores * clockAll * k.lanes() * 2 * units);
      if (perCore != null) {
        o.put(k.label() + "PerCoreOverCeiling", perCore.value() / ceilingPerCore);
      }
    }
    o.put("fmaUnits", units);
    o.put("cores", cores);
    o.put("fp64Lanes", lanes64);
    o.put("fp32Lanes", PeakFlopsKernel.FP32.lanes());
    ObjectNode m = o.putObject("method");
    m.put("kernel", PeakFlopsKernel.FP64.method());
    m.put(
        "fmaUnits",
        "inferred, not reported: FP64 FLOP/s per core / (clockHz x lanes x 2), rounded to a whole"
            + " number of FMA units");
    m.put(
        "ceiling",
        "fp64CeilingPerCore = clockHz x lanes x 2 x fmaUnits; fp64Ceiling = cores x"
            + " clockHzAllCores x lanes x 2 x fmaUnits; PerCoreOverCeiling checks that the clock"
            + " and the FMA rate agree (0.9 to 1.02 expected)");
    return o;
  }

  private static ObjectNode smt(List<SmtProbe.Result> results) {
    ObjectNode o = Json.object();
    ArrayNode pairs = o.putArray("pairs");
    double intSum = 0;
    double fpSum = 0;
    double mixedSum = 0;
    for (SmtProbe.Result r : results) {
      ObjectNode p = pairs.addObject();
      ArrayNode cpus = p.putArray("cpus");
      cpus.add(r.pair().first());
      cpus.add(r.pair().second());
      Figures.put(p, "intOpsPerSecondAlone", r.intAlone());
      Figures.put(p, "fpFlopsPerSecondAlone", r.fpAlone());
      p.put("intPairSpeedup", r.intPairSpeedup());
      p.put("fpPairSpeedup", r.fpPairSpeedup());
      p.put("mixedPairSpeedup", r.mixedPairSpeedup());
      intSum += r.intPairSpeedup();
      fpSum += r.fpPairSpeedup();
      mixedSum += r.mixedPairSpeedup();
    }
    o.put("intPairSpeedup", intSum / results.size());
    o.put("fpPairSpeedup", fpSum / results.size());
    o.put("mixedPairSpeedup", mixedSum / results.size());
    o.put(
        "method",
        "per sibling pair: both threads' rate over one thread alone (2 = no slowdown, 1 = no gain);"
            + " mixed = integer share + floating-point share with one of each; averages over the"
            + " pairs beside the pairs");
    return o;
  }

  private static ObjectNode curve(ScalingProbe.Curve c) {
    ObjectNode o = Json.object();
    o.put("kernel", c.kernel());
    o.put("method", c.description());
    ArrayNode threads = o.putArray("threads");
    ArrayNode points = o.putArray("points");
    for (ScalingProbe.Point p : c.points()) {
      threads.add(p.threads());
      ObjectNode e = points.addObject();
      e.put("threads", p.threads());
      Figures.put(
          e,
          "B/s".equals(p.throughput().unit()) ? "bytesPerSecond" : "flopsPerSecond",
          p.throughput());
      e.put("speedup", p.speedup());
    }
    c.amdahl()
        .ifPresent(
            a -> {
              o.put("amdahlSerialFraction", a.serialFraction());
              o.put("amdahlSerialFractionUnclamped", a.unclamped());
              a.halfWidth95().ifPresent(h -> o.put("amdahlSerialFractionHalfWidth95", h));
            });
    c.usl().ifPresent(m -> o.set("usl", usl(m)));
    ArrayNode predicted = o.putArray("predictedSpeedup");
    for (ScalingProbe.Prediction p : c.predictions()) {
      ObjectNode e = predicted.addObject();
      e.put("coresFactor", p.factor());
      e.put("threads", p.threads());
      e.put("amdahl", p.amdahl());
      p.usl().ifPresent(u -> e.put("usl", u));
    }
    return o;
  }

  private static ObjectNode usl(UslFit.Model m) {
    ObjectNode o = Json.object();
    estimate(o, "sigma", m.sigma());
    estimate(o, "kappa", m.kappa());
    estimate(o, "lambda", m.lambda());
    o.put("rmsRelativeResidual", m.rmsRelativeResidual());
    o.put("points", m.points());
    double peak = m.peakThreads();
    if (Double.isFinite(peak)) {
      o.put("peakThreads", peak);
    }
    o.put(
        "method",
        "X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)), Levenberg-Marquardt (Hipparchus)"
            + " from the linearised fit, sigma and kappa >= 0; intervals 95%, Student's t with n - 3"
            + " degrees of freedom; lambda in the curve's unit");
    return o;
  }

  private static void estimate(ObjectNode o, String name, UslFit.Estimate e) {
    o.put(name, e.value());
    ArrayNode ci = o.putArray(name + "Interval95");
    ci.add(e.low());
    ci.add(e.high());
  }

  private static void writeDemos(ObjectNode s, DemoProbe.Result d) {
    ArrayNode fj = s.putArray("amdahlDemo");
    for (DemoProbe.ForkJoinPoint p : d.forkJoin()) {
      ObjectNode o = fj.addObject();
      o.put("serialFraction", p.serialFraction());
      o.put("threads", p.threads());
      o.put("speedup", p.speedup());
      o.put("amdahlSpeedup", p.amdahlSpeedup());
      Figures.put(o, "jobSeconds", p.jobSeconds());
    }
    ArrayNode fits = s.putArray("amdahlDemoFit");
    for (DemoProbe.ForkJoinFit f : d.fits()) {
      ObjectNode o = fits.addObject();
      o.put("serialFraction", f.serialFraction());
      o.put("fittedSerialFraction", f.fit().serialFraction());
      o.put("error", f.fit().serialFraction() - f.serialFraction());
      f.fit().halfWidth95().ifPresent(h -> o.put("halfWidth95", h));
      o.put("threadCounts", f.fit().points());
    }
    ArrayNode lock = s.putArray("globalLockDemo");
    for (DemoProbe.LockPoint p : d.lock()) {
      ObjectNode o = lock.addObject();
      o.put("serialFraction", p.serialFraction());
      o.put("threads", p.threads());
      o.put("speedup", p.speedup());
      o.put("tasksPerSecond", d.lockTasks() / p.jobSeconds().value());
      o.put("limit", p.limit());
      o.put("forkJoinSpeedup", p.forkJoinSpeedup());
      o.put("amdahlSpeedup", p.amdahlSpeedup());
      Figures.put(o, "jobSeconds", p.jobSeconds());
    }
    ObjectNode m = s.putObject("demoMethod");
    m.put("generatorStepsPerSecond", d.stepsPerSecond());
    m.put("jobSteps", d.jobSteps());
    m.put(
        "note",
        "fork-join: a serial phase (one thread works, the others wait) then a parallel phase;"
            + " Amdahl's law 1 / (p + (1 - p) / N) describes it. Global lock: a fraction p of"
            + " each task under one lock; threads overlap their unlocked work with another's"
            + " locked work, so throughput tends to min(N, 1 / p) less the cost of handing the"
            + " lock over. Speedups are best time at 1 thread over best time at N.");
  }
}
