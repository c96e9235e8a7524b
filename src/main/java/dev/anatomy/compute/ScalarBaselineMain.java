package dev.anatomy.compute;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Entry point of the child JVM that measures the SIMD probe's scalar baseline. The parent starts it
 * with {@code -XX:-UseSuperWord}, so C2 cannot auto-vectorise the plain loops: without that flag
 * the "scalar" loop would itself be SIMD code and the speedup understated.
 *
 * <p>The parent starts it early, so its start-up and JIT warm-up overlap the parent's own warm-up;
 * it then waits for a line {@code go} on stdin before it measures, so its measurements never
 * overlap the parent's. Arguments: sample target in ns, the sampling plan (min warm-ups, max
 * warm-ups, settle window, settle tolerance, samples), the CPU to warm up on and the CPU to measure
 * on (-1 for none). Prints {@code ready} when warm, then after {@code go} one line {@code superword
 * true|false}, one line {@code pinned true|false}, and one line per kernel: its label, the warm-ups
 * dropped and the samples in elements per second. End of stdin before {@code go} ends it.
 */
public final class ScalarBaselineMain {
  private ScalarBaselineMain() {}

  /**
   * Warms up, waits for the parent, measures the plain loops and prints the samples.
   *
   * @param args as described above
   * @throws IOException if stdin cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 8) {
      System.err.println(
          "usage: ScalarBaselineMain TARGET_NS MIN MAX WINDOW TOLERANCE SAMPLES WARM_CPU CPU");
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
    int warmCpu = Integer.parseInt(args[6]);
    int cpu = Integer.parseInt(args[7]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    pin(warmCpu);
    SimdProbe probe = new SimdProbe(new Sampler(plan), targetNs);
    probe.warmUpJit(SimdProbe.Loops.PLAIN, 10_000_000_000L);
    out.println("ready");
    out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(in.readLine())) {
      return;
    }
    boolean pinned = pin(cpu);
    out.println("superword " + superWord());
    out.println("pinned " + pinned);
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

  private static boolean pin(int cpu) {
    if (cpu < 0) {
      return false;
    }
    try {
      Affinity.pinCurrentThread(cpu);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
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
