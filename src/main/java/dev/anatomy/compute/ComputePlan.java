package dev.anatomy.compute;

import dev.anatomy.harness.Sampler;
import dev.anatomy.inventory.Machine;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the compute part will measure, decided before anything runs: CPUs, thread counts, sample
 * lengths and the sizes of the demos, all from the effort, the inventory and the CPUs allowed.
 *
 * @param effort the effort
 * @param cpus the allowed CPUs, one per physical core first, then their SMT siblings
 * @param coreCpus one allowed CPU per physical core: the "all cores" figures run one thread on each
 * @param sampleTargetNs length of one timed call of a nano-kernel
 * @param kernelPlan sampling of nano-kernels (clock, ILP, SIMD, peak FLOPS)
 * @param threadCounts thread counts of the scaling curves and demos, 1 first, all CPUs last
 * @param memoryBoundBytes working set of the memory-bound scaling kernel
 * @param demoJobNs single-thread length of one fork-join or global-lock job: short, so that on a
 *     busy machine some jobs run without being preempted
 * @param demoSamples timed jobs kept per thread count, best of which is reported
 * @param serialFractions the serial fractions of the demos
 */
public record ComputePlan(
    Effort effort,
    List<Integer> cpus,
    List<Integer> coreCpus,
    long sampleTargetNs,
    Sampler.Plan kernelPlan,
    List<Integer> threadCounts,
    long memoryBoundBytes,
    long demoJobNs,
    int demoSamples,
    List<Double> serialFractions) {
  /** The serial fractions the demos show. */
  public static final List<Double> DEMO_FRACTIONS = List.of(0.0, 0.05, 0.25);

  /**
   * Copies the lists.
   *
   * @param effort effort
   * @param cpus cpus
   * @param coreCpus one CPU per core
   * @param sampleTargetNs sample length
   * @param kernelPlan sampling plan
   * @param threadCounts thread counts
   * @param memoryBoundBytes memory-bound working set
   * @param demoJobNs demo job length
   * @param demoSamples demo samples
   * @param serialFractions demo fractions
   */
  public ComputePlan {
    cpus = List.copyOf(cpus);
    coreCpus = List.copyOf(coreCpus);
    threadCounts = List.copyOf(threadCounts);
    serialFractions = List.copyOf(serialFractions);
  }

  /**
   * The plan for a run.
   *
   * @param ctx the context
   * @return the plan
   */
  public static ComputePlan of(MeasureContext ctx) {
    return of(ctx.effort(), ctx.machine(), ctx.cpus(), ctx.memoryLimit().budgetBytes());
  }

  /**
   * The plan for an effort, machine and CPU set.
   *
   * @param effort effort
   * @param machine the inventory (for SMT siblings and the last-level cache)
   * @param allowed the CPUs this process may use
   * @param memoryBudgetBytes bytes the part may map
   * @return the plan
   */
  public static ComputePlan of(
      Effort effort, Machine machine, List<Integer> allowed, long memoryBudgetBytes) {
    List<Integer> cores = oneCpuPerCore(machine.smtSiblings(), allowed);
    List<Integer> ordered = new ArrayList<>(cores);
    for (int cpu : allowed) {
      if (!ordered.contains(cpu)) {
        ordered.add(cpu);
      }
    }
    long memoryBound = memoryBoundBytes(effort, machine, memoryBudgetBytes);
    Sampler.Plan kernels =
        switch (effort) {
          case QUICK -> new Sampler.Plan(1, 3, 2, 0.05, 3);
          case STANDARD -> new Sampler.Plan(1, 6, 3, 0.03, 5);
          case DEEP -> Sampler.Plan.DEEP;
        };
    return new ComputePlan(
        effort,
        ordered,
        cores,
        (long) effort.pick(0.6e6, 1.5e6, 4e6),
        kernels,
        threadCounts(ordered.size()),
        memoryBound,
        (long) effort.pick(2e6, 4e6, 10e6),
        effort.pick(11, 21, 41),
        DEMO_FRACTIONS);
  }

  /**
   * The working set of the memory-bound scaling kernel: 2x (quick), 4x (default) or 8x (deep) all
   * the last-level cache the machine reports (size times instances), at least 64 MiB, at most a
   * quarter of the memory budget (but 16 MiB at least), a whole number of MiB.
   *
   * @param effort effort
   * @param machine the inventory
   * @param memoryBudgetBytes bytes the part may map
   * @return bytes
   */
  static long memoryBoundBytes(Effort effort, Machine machine, long memoryBudgetBytes) {
    long llc =
        machine
            .lastLevelCache()
            .map(c -> c.sizeBytes() * Math.max(1, c.instances()))
            .orElse(32L << 20);
    long bytes = Math.max(64L << 20, effort.pick(2, 4, 8) * llc);
    bytes = Math.min(bytes, Math.max(16L << 20, memoryBudgetBytes / 4));
    return bytes / (1L << 20) * (1L << 20);
  }

  /**
   * One allowed CPU per physical core, in the order of the allowed list: the first allowed member
   * of each sibling group.
   *
   * @param siblings the machine's sibling groups
   * @param allowed allowed CPUs
   * @return CPUs, never empty when {@code allowed} is not
   */
  static List<Integer> oneCpuPerCore(List<List<Integer>> siblings, List<Integer> allowed) {
    Set<Integer> taken = new LinkedHashSet<>();
    List<Integer> out = new ArrayList<>();
    for (int cpu : allowed) {
      if (taken.contains(cpu)) {
        continue;
      }
      out.add(cpu);
      for (List<Integer> group : siblings) {
        if (group.contains(cpu)) {
          taken.addAll(group);
        }
      }
      taken.add(cpu);
    }
    return out;
  }

  /**
   * Thread counts: every count up to 8, then steps of about 1.5x, then every CPU.
   *
   * @param cpus CPUs available, at least 1
   * @return ascending counts
   */
  static List<Integer> threadCounts(int cpus) {
    TreeSet<Integer> counts = new TreeSet<>();
    for (int t = 1; t <= Math.min(8, cpus); t++) {
      counts.add(t);
    }
    for (int t = 12; t < cpus; t = (t % 3 == 0) ? t / 3 * 4 : t / 2 * 3) {
      counts.add(t);
    }
    counts.add(cpus);
    return new ArrayList<>(counts);
  }

  /**
   * Sampling of the headline figures (clock, peak FLOP/s, SIMD): the kernel plan with 10, 20 or 40
   * samples by effort, each about a millisecond, so that on a busy machine some of them run
   * undisturbed.
   *
   * @return the plan
   */
  public Sampler.Plan headlinePlan() {
    return kernelPlan.withSamples(effort.pick(10, 20, 40));
  }

  /**
   * The largest thread count.
   *
   * @return the number of CPUs used
   */
  public int maxThreads() {
    return threadCounts.get(threadCounts.size() - 1);
  }
}
