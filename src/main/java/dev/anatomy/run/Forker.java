package dev.anatomy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.JvmFork;
import dev.anatomy.harness.NoiseRecord;
import dev.anatomy.harness.Progress;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures a part in a forked JVM and reads its result back.
 *
 * <p>The child gets the flags kernels need ({@code --add-modules jdk.incubator.vector}, native
 * access); the parent never loads the incubator module, so the user never sees Java's warning about
 * it: the child's copy of the warning is dropped here, its progress lines are handed to {@link
 * Progress}, and anything else it prints on stderr is passed through.
 */
public final class Forker {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  /** Set when this JVM starts to shut down (Ctrl-C, SIGTERM): a child's signal death is ours. */
  private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

  /**
   * How long to wait, when a child died of a signal, for this JVM's own shutdown to show: Ctrl-C
   * reaches both at once, and the child can end before this JVM's hooks have started.
   */
  private static final long SHUTDOWN_GRACE_MS = 1000;

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  SHUTTING_DOWN.set(true);
                  LIVE.forEach(Process::destroy);
                },
                "anatomy-fork-reaper"));
  }

  private Forker() {}

  /** A part's result and the JVM that measured it. */
  public record Outcome(PartResult result, ObjectNode jvm) {}

  /**
   * What one child JVM measured: the parts it finished, the parts that failed with their reasons,
   * and whether it was stopped by a signal before the end.
   *
   * @param outcomes finished parts, in order
   * @param failures part to reason, for parts that failed or never ran
   * @param interrupted true if a signal (Ctrl-C) stopped the child
   */
  public record Batch(List<Outcome> outcomes, Map<String, String> failures, boolean interrupted) {
    /**
     * Copies the collections.
     *
     * @param outcomes outcomes
     * @param failures failures
     * @param interrupted interrupted
     */
    public Batch {
      outcomes = List.copyOf(outcomes);
      failures = Map.copyOf(failures);
    }
  }

  /**
   * Measures a part in a child JVM.
   *
   * @param part the part's name
   * @param options the options
   * @param progress where the child's progress goes
   * @param stderr where the child's other stderr lines go
   * @return the result
   * @throws PartFailedException if the child failed, was killed, or wrote no valid result
   */
  public static Outcome measure(
      String part, MeasureOptions options, Progress progress, PrintStream stderr)
      throws PartFailedException {
    Batch b = measureAll(List.of(part), options, progress, stderr);
    if (!b.outcomes().isEmpty()) {
      return b.outcomes().get(0);
    }
    String why = b.failures().getOrDefault(part, part + " failed");
    throw new PartFailedException(
        b.interrupted() ? part + " was interrupted" : why, b.interrupted());
  }

  /**
   * Measures several parts in turn in one child JVM, reading each result as soon as the child
   * writes it, so that the parts finished before a failure or an interruption are kept.
   *
   * @param parts part names, in order
   * @param options the options
   * @param progress where the child's progress goes
   * @param stderr where the child's other stderr lines go
   * @return what was measured and what was not
   */
  public static Batch measureAll(
      List<String> parts, MeasureOptions options, Progress progress, PrintStream stderr) {
    String names = String.join(",", parts);
    List<String> cmd = JvmFork.command(List.of(), ForkMain.class.getName(), List.of(names));
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Process process;
    try {
      process = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      parts.forEach(p -> failures.put(p, "cannot start a JVM for " + p + ": " + e.getMessage()));
      return new Batch(outcomes, failures, false);
    }
    LIVE.add(process);
    boolean interrupted = false;
    Deque<String> lastLines = new ArrayDeque<>();
    List<Path> scratch = new CopyOnWriteArrayList<>();
    // kept open until the child's last result is read: its end before that tells the child that
    // this JVM is gone
    OutputStream stdin = process.getOutputStream();
    try {
      stdin.write(Json.writeCompact(options.toJson()).getBytes(StandardCharsets.UTF_8));
      stdin.write('\n');
      stdin.flush();
      Thread errPump =
          Thread.ofPlatform()
              .name("anatomy-" + names + "-stderr")
              .start(
                  () -> pumpStderr(process.getErrorStream(), progress, stderr, lastLines, scratch));
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        int index = 0;
        while ((line = r.readLine()) != null) {
          String part = index < parts.size() ? parts.get(index) : "part";
          index++;
          try {
            outcomes.add(parse(part, line));
          } catch (PartFailedException e) {
            failures.put(part, e.getMessage());
          }
          if (index == parts.size()) {
            // every result is in: stdin's end now lets the child's JVM exit at once
            closeQuietly(stdin);
          }
        }
      }
      int rc = process.waitFor();
      errPump.join();
      interrupted = rc > 128 && shuttingDown(SHUTDOWN_GRACE_MS);
      if (rc != 0 && !interrupted) {
        markMissing(parts, outcomes, failures, " failed: " + whyEnded(rc, lastLines));
      }
    } catch (IOException e) {
      markMissing(parts, outcomes, failures, " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      interrupted = true;
    } finally {
      closeQuietly(stdin);
      LIVE.remove(process);
      if (!process.isAlive()) {
        // the child removes its files itself unless it was killed past its shutdown hooks
        scratch.forEach(Scratch::removeLeftOver);
      }
    }
    return new Batch(outcomes, failures, interrupted);
  }

  /**
   * Why a child ended with a non-zero status that was not this JVM's shutdown.
   *
   * @param rc its exit status
   * @param lastLines its last stderr lines
   * @return a reason for the parts it did not finish
   */
  static String whyEnded(int rc, Deque<String> lastLines) {
    if (rc > 128) {
      int signal = rc - 128;
      return "the measuring JVM was killed by signal "
          + signal
          + (signal == 9 ? " (SIGKILL: the kernel's out-of-memory killer, or a kill -9)" : "");
    }
    synchronized (lastLines) {
      return lastLines.isEmpty() ? "exit status " + rc : lastLines.peekLast();
    }
  }

  /**
   * Whether this JVM is shutting down, waiting up to {@code graceMs} for it to show.
   *
   * @param graceMs the longest wait
   * @return true once shutdown has begun
   * @throws InterruptedException if interrupted while waiting
   */
  static boolean shuttingDown(long graceMs) throws InterruptedException {
    long deadline = System.nanoTime() + graceMs * 1_000_000;
    while (!SHUTTING_DOWN.get() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return SHUTTING_DOWN.get();
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // the child is gone already
    }
  }

  private static void markMissing(
      List<String> parts, List<Outcome> outcomes, Map<String, String> failures, String why) {
    for (String p : parts) {
      boolean done = outcomes.stream().anyMatch(o -> o.result().part().equals(p));
      if (!done && !failures.containsKey(p)) {
        failures.put(p, p + why);
      }
    }
  }

  private static void pumpStderr(
      InputStream err,
      Progress progress,
      PrintStream stderr,
      Deque<String> lastLines,
      List<Path> scratch) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        var p = ProgressLine.parse(line);
        if (line.startsWith(Scratch.MARKER)) {
          Scratch.parse(line).ifPresent(scratch::add);
        } else if (line.startsWith(ForkMain.ERROR_MARKER)) {
          synchronized (lastLines) {
            lastLines.addLast(line.substring(ForkMain.ERROR_MARKER.length()));
          }
        } else if (p.isPresent()) {
          progress.report(p.get().step(), p.get().fraction(), p.get().secondsLeft());
        } else if (!JvmFork.isJvmNoise(line) && !line.isBlank()) {
          stderr.println(line);
          synchronized (lastLines) {
            lastLines.addLast(line);
            if (lastLines.size() > 5) {
              lastLines.removeFirst();
            }
          }
        }
      }
    } catch (IOException e) {
      // the child died; its exit status tells the rest
    }
  }

  static Outcome parse(String part, String text) throws PartFailedException {
    JsonNode o;
    try {
      o = Json.parse(text);
    } catch (IOException e) {
      throw new PartFailedException(
          part + " wrote no valid result: " + e.getMessage().lines().findFirst().orElse(""), false);
    }
    if (o != null && o.has("error")) {
      throw new PartFailedException(part + " failed: " + o.path("error").asText(), false);
    }
    if (o == null || !o.isObject() || !o.path("section").isObject()) {
      throw new PartFailedException(part + " wrote no valid result", false);
    }
    Map<String, String> unavailable = new LinkedHashMap<>();
    o.path("unavailable")
        .properties()
        .forEach(e -> unavailable.put(e.getKey(), e.getValue().asText()));
    List<NoiseRecord> noise = new ArrayList<>();
    for (JsonNode n : o.path("noise")) {
      noise.add(
          new NoiseRecord(
              n.path("step").asText(),
              n.path("seconds").asDouble(),
              n.path("stealFraction").asDouble(),
              n.path("foreignBusyFraction").asDouble(),
              n.path("loadAverage").asDouble(Double.NaN)));
    }
    PartResult result =
        new PartResult(
            o.path("part").asText(part),
            (ObjectNode) o.get("section"),
            unavailable,
            noise,
            o.path("complete").asBoolean(true));
    return new Outcome(result, o.path("jvm").isObject() ? (ObjectNode) o.get("jvm") : null);
  }
}
