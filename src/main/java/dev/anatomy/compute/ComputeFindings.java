package dev.anatomy.compute;

import dev.anatomy.harness.Samples;
import dev.anatomy.result.Figure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the compute part measured so far; filled step by step by {@link ComputePart}, read by {@link
 * ComputeDocument}. Anything still null or empty was not measured, and the part's unavailable
 * section says why.
 */
final class ComputeFindings {
  Figure clock;
  Figure clockAllCores;
  int clockCores;
  double tscHzReported;
  final List<IlpProbe.Point> ilp = new ArrayList<>();
  final Map<PeakFlopsKernel, Figure> peakPerCore = new EnumMap<>(PeakFlopsKernel.class);
  final Map<PeakFlopsKernel, Figure> peakAllCores = new EnumMap<>(PeakFlopsKernel.class);
  int peakCores;
  final Map<SimdKernel, Samples> simdVector = new EnumMap<>(SimdKernel.class);
  final Map<SimdKernel, Samples> simdAuto = new EnumMap<>(SimdKernel.class);
  final Map<SimdKernel, Samples> simdScalar = new EnumMap<>(SimdKernel.class);
  boolean scalarPinned;
  final List<SmtProbe.Result> smt = new ArrayList<>();
  ScalingProbe.Curve computeBound;
  ScalingProbe.Curve memoryBound;
  DemoProbe.Result demos;
  long jitWarmUpMs;
  long jitWarmUpCalls;
  JitWarmUp.Result jitWarmUp;
  final List<String> notCompiled = new ArrayList<>();
}
