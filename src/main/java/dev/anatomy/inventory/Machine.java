package dev.anatomy.inventory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the machine reports about itself, read from /proc and /sys. Every field is <em>reported
 * </em>: anatomy shows it beside what it measures and sizes nothing from it unchecked.
 *
 * @param vendor CPU vendor id, e.g. "AuthenticAMD"
 * @param modelName CPU model name (a VM may show only "AMD EPYC")
 * @param family CPU family number
 * @param model CPU model number
 * @param stepping CPU stepping
 * @param flags CPU feature flags (avx2, fma, avx512f, hypervisor ...)
 * @param logicalCpus online logical CPUs
 * @param physicalCores distinct (package, core) pairs
 * @param packages distinct sockets
 * @param smtSiblings groups of logical CPUs sharing one core; groups of one mean no SMT
 * @param numaNodes NUMA nodes with their CPUs
 * @param caches cache levels, data and instruction, from sysfs, else from {@code cpuid}
 * @param memoryTotalBytes MemTotal
 * @param memoryAvailableBytes MemAvailable at the time of reading
 * @param hypervisor whether the CPU says it runs under a hypervisor
 * @param transparentHugePages THP mode: "always", "madvise", "never" or "unknown"
 * @param clockSource the kernel's clock source, e.g. "tsc"
 * @param kernel kernel release
 * @param reportedMhz "cpu MHz" of /proc/cpuinfo (under a VM often the TSC rate), 0 if absent
 */
public record Machine(
    String vendor,
    String modelName,
    int family,
    int model,
    int stepping,
    Set<String> flags,
    int logicalCpus,
    int physicalCores,
    int packages,
    List<List<Integer>> smtSiblings,
    List<NumaNode> numaNodes,
    List<CacheInfo> caches,
    long memoryTotalBytes,
    long memoryAvailableBytes,
    boolean hypervisor,
    String transparentHugePages,
    String clockSource,
    String kernel,
    double reportedMhz) {
  /**
   * Copies the collections.
   *
   * @param vendor vendor
   * @param modelName model name
   * @param family family
   * @param model model
   * @param stepping stepping
   * @param flags flags
   * @param logicalCpus logical CPUs
   * @param physicalCores cores
   * @param packages packages
   * @param smtSiblings sibling groups
   * @param numaNodes nodes
   * @param caches caches
   * @param memoryTotalBytes total memory
   * @param memoryAvailableBytes available memory
   * @param hypervisor hypervisor flag
   * @param transparentHugePages THP mode
   * @param clockSource clock source
   * @param kernel kernel release
   * @param reportedMhz reported MHz
   */
  public Machine {
    flags = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(flags));
    smtSiblings = smtSiblings.stream().map(List::copyOf).toList();
    numaNodes = List.copyOf(numaNodes);
    caches = List.copyOf(caches);
  }

  /**
   * Reads this machine.
   *
   * @return the inventory
   */
  public static Machine read() {
    return InventoryParser.parse(SystemFiles.capture());
  }

  /**
   * Whether any core runs more than one hardware thread.
   *
   * @return true with SMT (hyperthreading)
   */
  public boolean hasSmt() {
    return smtSiblings.stream().anyMatch(g -> g.size() > 1);
  }

  /**
   * The data (or unified) cache of one level.
   *
   * @param level 1, 2, 3 ...
   * @return the cache, empty if the machine reports none
   */
  public Optional<CacheInfo> dataCache(int level) {
    return caches.stream().filter(c -> c.level() == level && c.holdsData()).findFirst();
  }

  /**
   * The largest cache level holding data that the kernel describes: the last-level cache the plans
   * size working sets from. A {@code cpuid} figure is not one (see {@link
   * CacheInfo#describedByKernel()}): it says nothing of sharing, and under a hypervisor it can be
   * no cache at all.
   *
   * @return the LLC, empty if the kernel describes no cache
   */
  public Optional<CacheInfo> lastLevelCache() {
    return caches.stream()
        .filter(c -> c.holdsData() && c.describedByKernel())
        .max(java.util.Comparator.comparingInt(CacheInfo::level));
  }
}
