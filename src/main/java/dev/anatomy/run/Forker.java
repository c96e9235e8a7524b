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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "anatomy-fork-reaper"));
  }

  private Forker() {}

  /** A part's result and the JVM that measured it. */
  public record Outcome(PartResult result, ObjectNode jvm) {}

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
    List<String> cmd = JvmFork.command(List.of(), ForkMain.class.getName(), List.of(part));
    Process process;
    try {
      process = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new PartFailedException(
          "cannot start a JVM for " + part + ": " + e.getMessage(), false);
    }
    LIVE.add(process);
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(Json.writeCompact(options.toJson()).getBytes(StandardCharsets.UTF_8));
      }
      Deque<String> lastLines = new ArrayDeque<>();
      Thread errPump =
          Thread.ofPlatform()
              .name("anatomy-" + part + "-stderr")
              .start(() -> pumpStderr(process.getErrorStream(), progress, stderr, lastLines));
      byte[] out = process.getInputStream().readAllBytes();
      int rc = process.waitFor();
      errPump.join();
      if (rc != 0) {
        boolean signalled = rc > 128;
        String why;
        synchronized (lastLines) {
          why = lastLines.isEmpty() ? "exit status " + rc : lastLines.peekLast();
        }
        throw new PartFailedException(
            signalled ? part + " was interrupted" : part + " failed: " + why, signalled);
      }
      return parse(part, new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PartFailedException(part + " failed: " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      throw new PartFailedException(part + " was interrupted", true);
    } finally {
      LIVE.remove(process);
    }
  }

  private static void pumpStderr(
      InputStream err, Progress progress, PrintStream stderr, Deque<String> lastLines) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        var p = ProgressLine.parse(line);
        if (line.startsWith(ForkMain.ERROR_MARKER)) {
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
      throw new PartFailedException(part + " wrote no valid result: " + e.getMessage(), false);
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
