package dev.anatomy.inventory;

import java.util.List;

/**
 * A NUMA node and its CPUs, as reported.
 *
 * @param id node number
 * @param cpus CPUs on the node
 */
public record NumaNode(int id, List<Integer> cpus) {
  /**
   * Copies the list.
   *
   * @param id id
   * @param cpus cpus
   */
  public NumaNode {
    cpus = List.copyOf(cpus);
  }
}
