package dev.anatomy.compute;

import dev.anatomy.harness.JvmFork;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link ScalarBaselineMain} in a child JVM with C2's auto-vectorisation off and reads back
 * its samples.
 */
final class ScalarBaseline {
  /** The flag that keeps C2 from turning the plain loops into SIMD code. */
  static final String NO_SUPERWORD = "-XX:-UseSuperWord";

  /**
   * Compile in the foreground: a call that triggers a compilation waits for it, so when the
   * warm-up's calls go quiet every loop really is in its final code. In the background a slow C2
   * compilation on a busy machine looks like quiet and the loop would be timed in C1 code.
   */
  static final String FOREGROUND_JIT = "-Xbatch";

  private static final long TIMEOUT_SECONDS = 120;

  private ScalarBaseline() {}

  /**
   * What the child measured.
   *
   * @param samples elements per second of each kernel
   * @param pinned whether the child could pin itself
   */
  record Result(Map<SimdKernel, Samples> samples, boolean pinned) {}

  /** The child failed; the message says why, in one line. */
  static final class FailedException extends Exception {
    private static final long serialVersionUID = 1L;

    FailedException(String message) {
      super(message);
    }
  }

  /**
   * A started child JVM, warming up until {@link #measure()} lets it measure. Close it to end it
   * early.
   */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final List<String> errLines = new ArrayList<>();
    private final Thread errPump;

    private Child(Process process) {
      this.process = process;
      this.errPump =
          Thread.ofPlatform()
              .daemon(true)
              .name("anatomy-scalar-baseline-stderr")
              .start(() -> pump(process.getErrorStream(), errLines));
    }

    /**
     * Tells the child to measure, once it is warm, and waits for its samples.
     *
     * @return the samples
     * @throws FailedException if it failed or printed something unreadable
     */
    Result measure() throws FailedException {
      try {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          throw new FailedException(
              "the scalar-baseline JVM ran longer than " + TIMEOUT_SECONDS + " s");
        }
        errPump.join();
        if (process.exitValue() != 0) {
          String last;
          synchronized (errLines) {
            last = errLines.isEmpty() ? "exit status " + process.exitValue() : errLines.getLast();
          }
          throw new FailedException("the scalar-baseline JVM failed: " + last);
        }
        return parse(out);
      } catch (IOException e) {
        throw new FailedException("talking to the scalar-baseline JVM: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FailedException("interrupted while the scalar-baseline JVM ran");
      }
    }

    @Override
    public void close() {
      process.destroy();
    }
  }

  /**
   * Starts the child. It warms its loops up on {@code warmCpu} while the caller does other work,
   * then waits.
   *
   * @param targetNs sample length
   * @param plan sampling plan
   * @param warmCpu the CPU it warms up on (best one the caller is not timing on)
   * @param cpu the CPU it measures on
   * @return the running child
   * @throws FailedException if it could not start
   */
  static Child start(long targetNs, Sampler.Plan plan, int warmCpu, int cpu)
      throws FailedException {
    List<String> args =
        List.of(
            Long.toString(targetNs),
            Integer.toString(plan.minWarmups()),
            Integer.toString(plan.maxWarmups()),
            Integer.toString(plan.settleWindow()),
            String.format(Locale.ROOT, "%s", plan.settleTolerance()),
            Integer.toString(plan.samples()),
            Integer.toString(warmCpu),
            Integer.toString(cpu));
    List<String> cmd =
        JvmFork.command(
            List.of(NO_SUPERWORD, FOREGROUND_JIT),
            ScalarBaselineMain.class.getName(),
            args,
            // one class-data archive whatever the sample length: quick and default cards share it
            "");
    try {
      return new Child(new ProcessBuilder(cmd).start());
    } catch (IOException e) {
      throw new FailedException("cannot start the scalar-baseline JVM: " + e.getMessage());
    }
  }

  /**
   * Runs the child from start to end.
   *
   * @param targetNs sample length
   * @param plan sampling plan
   * @param cpu the CPU it warms up and measures on
   * @return its samples
   * @throws FailedException if it could not start, failed, or printed something unreadable
   */
  static Result measure(long targetNs, Sampler.Plan plan, int cpu) throws FailedException {
    try (Child child = start(targetNs, plan, cpu, cpu)) {
      return child.measure();
    }
  }

  /**
   * Parses the child's output.
   *
   * @param out its stdout
   * @return the samples
   * @throws FailedException if a kernel is missing, a line is malformed, or the child ran with
   *     auto-vectorisation on
   */
  static Result parse(String out) throws FailedException {
    Map<SimdKernel, Samples> samples = new EnumMap<>(SimdKernel.class);
    boolean pinned = false;
    boolean superWordOff = false;
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 0 || f[0].isEmpty()) {
        continue;
      }
      try {
        switch (f[0]) {
          case "ready" -> {
            // the child finished its warm-up
          }
          case "superword" -> superWordOff = "false".equals(f[1]);
          case "pinned" -> pinned = "true".equals(f[1]);
          default -> {
            double[] v = Arrays.stream(f, 2, f.length).mapToDouble(Double::parseDouble).toArray();
            samples.put(SimdKernel.byLabel(f[0]), new Samples(v, Integer.parseInt(f[1])));
          }
        }
      } catch (RuntimeException e) {
        throw new FailedException("unreadable line from the scalar-baseline JVM: '" + line + "'");
      }
    }
    if (!superWordOff) {
      throw new FailedException(
          "the scalar-baseline JVM did not run with " + NO_SUPERWORD + "; its loops may be SIMD");
    }
    if (samples.size() != SimdKernel.values().length) {
      throw new FailedException(
          "the scalar-baseline JVM reported " + samples.keySet() + ", not every kernel");
    }
    return new Result(samples, pinned);
  }

  private static void pump(InputStream err, List<String> lines) {
    try {
      String text = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isBlank() && !JvmFork.isJvmNoise(line)) {
          synchronized (lines) {
            lines.add(line);
          }
        }
      }
    } catch (IOException e) {
      // the child died; its exit status says the rest
    }
  }
}
