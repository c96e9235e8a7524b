package dev.anatomy.compute;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Entry point of the child JVM that measures the SIMD probe's scalar baseline. The parent starts it
 * with {@code -XX:-UseSuperWord}, so C2 cannot auto-vectorise the plain loops: without that flag
 * the "scalar" loop would itself be SIMD code and the speedup understated.
 *
 * <p>Arguments: sample target in ns, then the sampling plan (min warm-ups, max warm-ups, settle
 * window, settle tolerance, samples), then the CPU to pin to (-1 for none). Prints one line {@code
 * superword true|false}, one line {@code pinned true|false}, then one line per kernel: its label,
 * the warm-ups dropped and the samples in elements per second.
 */
public final class ScalarBaselineMain {
  private ScalarBaselineMain() {}

  /**
   * Measures the plain loops and prints the samples.
   *
   * @param args as described above
   */
  public static void main(String[] args) {
    if (args.length != 7) {
      System.err.println(
          "usage: ScalarBaselineMain TARGET_NS MIN MAX WINDOW TOLERANCE SAMPLES CPU");
      System.exit(2);
    }
    long targetNs = Long.parseLong(args[0]);
    Sampler.Plan plan =
        new Sampler.Plan(
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Double.parseDouble(args[4]),
            Integer.parseInt(args[5]));
    int cpu = Integer.parseInt(args[6]);
    boolean pinned = false;
    if (cpu >= 0) {
      try {
        Affinity.pinCurrentThread(cpu);
        pinned = true;
      } catch (RuntimeException e) {
        pinned = false;
      }
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.println("superword " + superWord());
    out.println("pinned " + pinned);
    SimdProbe probe = new SimdProbe(new Sampler(plan), targetNs);
    probe.warmUpJit(SimdProbe.Loops.PLAIN, 5_000_000_000L);
    for (SimdKernel k : SimdKernel.values()) {
      Samples s = probe.measure(k, SimdProbe.Loops.PLAIN);
      StringBuilder line = new StringBuilder(k.label()).append(' ').append(s.warmupsDiscarded());
      for (double v : s.values()) {
        line.append(' ').append(String.format(Locale.ROOT, "%.6e", v));
      }
      out.println(line);
    }
    out.flush();
  }

  private static String superWord() {
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.equals("-XX:-UseSuperWord")) {
        return "false";
      }
    }
    return "true";
  }
}
