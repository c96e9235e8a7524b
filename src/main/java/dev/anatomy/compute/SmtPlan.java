package dev.anatomy.compute;

import dev.anatomy.inventory.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which SMT sibling pairs the SMT probe measures: for each physical core, its first two allowed
 * hardware threads. Pure, so it is tested on fixture topologies.
 */
final class SmtPlan {
  private SmtPlan() {}

  /**
   * Two hardware threads of one core.
   *
   * @param first the thread that runs alone in the baseline
   * @param second its sibling
   */
  record Pair(int first, int second) {}

  /**
   * The pairs to measure.
   *
   * @param machine the inventory, with its sibling groups
   * @param allowed the CPUs this process may use
   * @return one pair per core that has two allowed siblings, in CPU order
   */
  static List<Pair> pairs(Machine machine, List<Integer> allowed) {
    List<Pair> pairs = new ArrayList<>();
    for (List<Integer> group : machine.smtSiblings()) {
      List<Integer> usable = group.stream().filter(allowed::contains).sorted().toList();
      if (usable.size() >= 2) {
        pairs.add(new Pair(usable.get(0), usable.get(1)));
      }
    }
    pairs.sort(java.util.Comparator.comparingInt(Pair::first));
    return pairs;
  }

  /**
   * Why there is nothing to measure, if so.
   *
   * @param machine the inventory
   * @param allowed allowed CPUs
   * @return the reason, empty when at least one pair can be measured
   */
  static Optional<String> unavailableReason(Machine machine, List<Integer> allowed) {
    if (!pairs(machine, allowed).isEmpty()) {
      return Optional.empty();
    }
    if (!machine.hasSmt()) {
      return Optional.of(
          "no SMT siblings: each core runs one hardware thread (thread_siblings_list of every CPU"
              + " lists only itself)");
    }
    return Optional.of(
        "the machine has SMT siblings, but no two siblings of one core are among the CPUs this"
            + " process may use "
            + allowed);
  }
}
