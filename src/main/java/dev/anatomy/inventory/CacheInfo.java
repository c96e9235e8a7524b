package dev.anatomy.inventory;

import java.util.List;

/**
 * One cache level as the kernel reports it (sysfs {@code cache/index*}). Reported, not measured:
 * under a hypervisor these can be the host's figures.
 *
 * @param level 1, 2, 3 ...
 * @param type "Data", "Instruction" or "Unified"
 * @param sizeBytes capacity of one instance
 * @param lineBytes coherency line size
 * @param ways associativity, 0 if unknown
 * @param sharedCpus CPUs sharing one instance (as seen from the first CPU that has it)
 * @param instances how many distinct instances the machine has
 */
public record CacheInfo(
    int level,
    String type,
    long sizeBytes,
    int lineBytes,
    int ways,
    List<Integer> sharedCpus,
    int instances) {
  /**
   * Copies the list.
   *
   * @param level level
   * @param type type
   * @param sizeBytes size
   * @param lineBytes line
   * @param ways ways
   * @param sharedCpus sharing CPUs
   * @param instances instance count
   */
  public CacheInfo {
    sharedCpus = List.copyOf(sharedCpus);
  }

  /**
   * Whether this cache holds data (Data or Unified).
   *
   * @return false for instruction caches
   */
  public boolean holdsData() {
    return !"Instruction".equals(type);
  }
}
