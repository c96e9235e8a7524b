package dev.anatomy.inventory;

import java.util.List;

/**
 * One cache level as the machine reports it: the kernel (sysfs {@code cache/index*}), or where the
 * kernel describes no cache, the CPU's {@code cpuid} leaves as the C library reads them. Reported,
 * not measured: under a hypervisor these can be the host's figures, or whatever the hypervisor put
 * in the leaves.
 *
 * @param level 1, 2, 3 ...
 * @param type "Data", "Instruction" or "Unified"
 * @param sizeBytes capacity of one instance
 * @param lineBytes coherency line size
 * @param ways associativity, 0 if unknown
 * @param sharedCpus CPUs sharing one instance (as seen from the first CPU that has it); empty where
 *     the source does not say ({@code cpuid})
 * @param instances how many distinct instances the machine has; 0 where the source does not say
 * @param source {@value #SYSFS} or {@value #CPUID}
 */
public record CacheInfo(
    int level,
    String type,
    long sizeBytes,
    int lineBytes,
    int ways,
    List<Integer> sharedCpus,
    int instances,
    String source) {
  /** The kernel's description, {@code /sys/devices/system/cpu/cpu*}{@code /cache}. */
  public static final String SYSFS = "sysfs";

  /** The CPU's {@code cpuid} leaves, as glibc's {@code sysconf(3)} reads them. */
  public static final String CPUID = "cpuid";

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
   * @param source where the figures come from
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

  /**
   * Whether the kernel describes this cache, with the CPUs that share it: only such a cache sizes a
   * working set (a {@code cpuid} figure under a hypervisor can be no cache at all, e.g. a 508 MiB
   * L3 in a Firecracker guest).
   *
   * @return true for a sysfs figure
   */
  public boolean describedByKernel() {
    return SYSFS.equals(source);
  }
}
