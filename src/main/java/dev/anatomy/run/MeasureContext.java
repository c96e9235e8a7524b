package dev.anatomy.run;

import dev.anatomy.harness.MemoryLimit;
import dev.anatomy.harness.NoiseGuard;
import dev.anatomy.harness.Progress;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.TimerInfo;
import dev.anatomy.inventory.Machine;
import java.util.List;

/**
 * What a part needs while it measures.
 *
 * @param options what the user asked for
 * @param machine the inventory, as reported
 * @param cpus the CPUs this process may run on
 * @param timer the timer's measured granularity
 * @param memoryLimit how much memory may be taken
 * @param progress where to report progress
 * @param noise the noise guard; wrap each step in {@code noise.begin(...)}
 */
public record MeasureContext(
    MeasureOptions options,
    Machine machine,
    List<Integer> cpus,
    TimerInfo timer,
    MemoryLimit memoryLimit,
    Progress progress,
    NoiseGuard noise) {
  /**
   * Copies the CPU list.
   *
   * @param options options
   * @param machine machine
   * @param cpus cpus
   * @param timer timer
   * @param memoryLimit memory limit
   * @param progress progress
   * @param noise noise guard
   */
  public MeasureContext {
    cpus = List.copyOf(cpus);
  }

  /**
   * The CPUs as an array, for {@link dev.anatomy.harness.PinnedPool}.
   *
   * @return CPU numbers
   */
  public int[] cpuArray() {
    return cpus.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The sampler for the chosen effort.
   *
   * @return a sampler
   */
  public Sampler sampler() {
    return new Sampler(options.effort().plan());
  }

  /**
   * The effort asked for.
   *
   * @return quick, standard or deep
   */
  public Effort effort() {
    return options.effort();
  }
}
