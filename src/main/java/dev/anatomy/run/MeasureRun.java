package dev.anatomy.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.Progress;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.Machine;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Measures the parts asked for, each in its own forked JVM, and assembles the document.
 *
 * <p>A part that fails is recorded as unavailable with its reason and the others go on. A part
 * interrupted (Ctrl-C reaches the child too) stops the run: what was measured before is kept and
 * the document is marked partial.
 */
public final class MeasureRun {
  private MeasureRun() {}

  /**
   * The outcome of a run.
   *
   * @param document the assembled document
   * @param partial true if interrupted before every part was measured
   */
  public record Result(ObjectNode document, boolean partial) {}

  /**
   * Validates every part's options, before anything is measured.
   *
   * @param options the options
   * @throws UsageException for an unknown part or an unusable option
   */
  public static void validate(MeasureOptions options) {
    for (String name : options.parts()) {
      Parts.create(name).validate(options);
    }
  }

  /**
   * Measures.
   *
   * @param run the run's identity
   * @param options what to measure
   * @param progress where progress goes
   * @param stderr where the children's other stderr lines go
   * @param stopRequested true once the user asked to stop
   * @return the document, possibly partial
   */
  public static Result run(
      RunInfo run,
      MeasureOptions options,
      Progress progress,
      PrintStream stderr,
      BooleanSupplier stopRequested) {
    Machine machine = Machine.read();
    TimerInfo timer = TimerInfo.measure();
    List<Forker.Outcome> outcomes = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    boolean partial = false;
    // One JVM per part keeps one part's JIT profile from shaping another's code; a quick card
    // measures every part in one JVM instead, saving a JVM start per part.
    List<List<String>> batches = new ArrayList<>();
    if (options.effort() == Effort.QUICK) {
      batches.add(options.parts());
    } else {
      options.parts().forEach(p -> batches.add(List.of(p)));
    }
    for (List<String> batch : batches) {
      if (stopRequested.getAsBoolean()) {
        partial = true;
        break;
      }
      Forker.Batch b = Forker.measureAll(batch, options, progress, stderr);
      outcomes.addAll(b.outcomes());
      if (b.interrupted() || stopRequested.getAsBoolean()) {
        partial = true;
        break;
      }
      failures.putAll(b.failures());
    }
    ObjectNode doc =
        DocumentAssembler.assemble(
            run,
            Instant.now(),
            machine,
            timer,
            outcomes,
            failures,
            partial,
            Affinity.allowedCpus());
    return new Result(doc, partial);
  }
}
