package dev.anatomy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.MemoryLimit;
import dev.anatomy.harness.NoiseGuard;
import dev.anatomy.harness.Progress;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.Machine;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Entry point of the forked JVM that measures one part, or several in turn: reads the options as
 * one line of JSON on stdin (and then watches stdin: its end before the last result means the
 * parent is gone; see {@link #watchParent}), measures, and writes each part's result as one line of
 * JSON on stdout as soon as it is done (a part that fails writes its error instead, and the next
 * part goes on). Progress goes to stderr as {@link ProgressLine}s.
 */
public final class ForkMain {
  /** Starts the one stderr line that says why a part failed. */
  public static final String ERROR_MARKER = "\u0001anatomy-error\t";

  /** The exit status when stdin ends early: the parent is gone. */
  static final int PARENT_GONE = 3;

  private ForkMain() {}

  /**
   * Watches stdin after the options line. The parent keeps it open until it has read the last
   * part's result, and closes it then: a thread blocked reading stdin would hold this JVM's exit
   * for 0.3 s (HotSpot waits that long for threads in native code), on every part's JVM. So its end
   * before the last result was written means the parent died without stopping this JVM (SIGKILL,
   * say), and no one would read what it measures: {@code onParentGone} then ends the JVM; shutdown
   * hooks still run, so the disk test file is removed. Its end after that is the parent's goodbye,
   * and the thread just ends.
   *
   * @param stdin the rest of stdin
   * @param lastResultWritten true once the last part's result is being written
   * @param onParentGone what to do when stdin ends before that
   * @return the watching thread, a daemon
   */
  static Thread watchParent(
      BufferedReader stdin, BooleanSupplier lastResultWritten, Runnable onParentGone) {
    return Thread.ofPlatform()
        .daemon(true)
        .name("anatomy-parent-watch")
        .start(
            () -> {
              try {
                while (stdin.readLine() != null) {
                  // the parent writes nothing more; any line is ignored
                }
              } catch (IOException e) {
                // a broken stdin is an ended one
              }
              if (!lastResultWritten.getAsBoolean()) {
                onParentGone.run();
              }
            });
  }

  /**
   * Measures one part.
   *
   * @param args the part's name
   * @throws IOException if stdin cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ForkMain PART[,PART...] (options as JSON on stdin)");
      System.exit(2);
    }
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String first = stdin.readLine();
    if (first == null || first.isBlank()) {
      System.err.println("ForkMain: no options on stdin");
      System.exit(2);
    }
    JsonNode json = Json.MAPPER.readTree(first);
    MeasureOptions options = MeasureOptions.fromJson(json);
    PrintStream out = System.out;
    // Kernels and libraries must not write to stdout: it carries the results.
    System.setOut(System.err);
    PrintStream err = System.err;
    Scratch.announceTo(err);
    AtomicBoolean lastResult = new AtomicBoolean();
    watchParent(stdin, lastResult::get, () -> System.exit(PARENT_GONE));
    Progress progress =
        (step, fraction, left) -> {
          synchronized (err) {
            err.println(new ProgressLine(step, fraction, left).format());
            err.flush();
          }
        };
    String[] parts = args[0].split(",");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      ObjectNode line;
      try {
        line = toJson(run(part, options, progress));
      } catch (RuntimeException | Error e) {
        // One line the parent can quote; the stack trace only when asked for. The next part
        // still runs.
        err.println(ERROR_MARKER + e);
        if (System.getenv("ANATOMY_DEBUG") != null) {
          e.printStackTrace(err);
        }
        err.flush();
        line = Json.object();
        line.put("part", part);
        line.put("error", String.valueOf(e));
      }
      // set before the parent can read it: it closes stdin once it has
      lastResult.set(i == parts.length - 1);
      out.write(Json.writeCompact(line).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
      out.flush();
    }
    System.exit(0);
  }

  /**
   * Measures one part in this JVM.
   *
   * @param part the part's name
   * @param options the options
   * @param progress where to report progress
   * @return the result
   */
  public static PartResult run(String part, MeasureOptions options, Progress progress) {
    MeasureContext context =
        new MeasureContext(
            options,
            Machine.read(),
            java.util.Arrays.stream(Affinity.allowedCpus()).boxed().toList(),
            TimerInfo.measure(),
            MemoryLimit.read(),
            progress,
            new NoiseGuard());
    return Parts.create(part).measure(context);
  }

  /**
   * A part's result as JSON.
   *
   * @param r the result
   * @return {part, section, unavailable, noise, complete, jvm}
   */
  public static ObjectNode toJson(PartResult r) {
    ObjectNode o = Json.object();
    o.put("part", r.part());
    o.set("section", r.section());
    ObjectNode unavailable = o.putObject("unavailable");
    r.unavailable().forEach(unavailable::put);
    o.set("noise", Json.tree(r.noise()));
    o.put("complete", r.complete());
    o.set("jvm", EnvironmentInfo.jvm());
    return o;
  }
}
