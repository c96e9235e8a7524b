package dev.anatomy;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.MemoryLimit;
import dev.anatomy.harness.NoiseGuard;
import dev.anatomy.harness.Progress;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.Machine;
import dev.anatomy.run.MeasureContext;
import dev.anatomy.run.MeasureOptions;
import java.util.Arrays;

/** Measure contexts for tests: this machine, no progress output. */
public final class TestContexts {
  private TestContexts() {}

  /**
   * A context for options on this machine.
   *
   * @param options the options
   * @return the context
   */
  public static MeasureContext of(MeasureOptions options) {
    return new MeasureContext(
        options,
        Machine.read(),
        Arrays.stream(Affinity.allowedCpus()).boxed().toList(),
        TimerInfo.measure(),
        MemoryLimit.read(),
        Progress.NONE,
        new NoiseGuard());
  }
}
