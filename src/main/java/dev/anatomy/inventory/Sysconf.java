package dev.anatomy.inventory;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache figures the C library reports through {@code sysconf(3)}: glibc reads them from the
 * CPU's {@code cpuid} leaves. anatomy asks for them because some kernels describe no cache at all
 * (a Firecracker guest has no {@code cache/} folder in sysfs), while the CPU still does.
 *
 * <p>The figures come back as the lines {@code getconf -a} prints for them, for instance {@code
 * LEVEL1_DCACHE_SIZE 49152}, so that {@link InventoryParser} parses text captured on a real machine
 * in the tests as it parses the live values.
 */
@SuppressWarnings("restricted") // one call into the C library, the class's purpose
final class Sysconf {
  /** glibc's {@code _SC_LEVEL1_ICACHE_SIZE}; the other cache names follow it in this order. */
  private static final int FIRST_CACHE_NAME = 185;

  private static final List<String> NAMES =
      List.of(
          "LEVEL1_ICACHE_SIZE",
          "LEVEL1_ICACHE_ASSOC",
          "LEVEL1_ICACHE_LINESIZE",
          "LEVEL1_DCACHE_SIZE",
          "LEVEL1_DCACHE_ASSOC",
          "LEVEL1_DCACHE_LINESIZE",
          "LEVEL2_CACHE_SIZE",
          "LEVEL2_CACHE_ASSOC",
          "LEVEL2_CACHE_LINESIZE",
          "LEVEL3_CACHE_SIZE",
          "LEVEL3_CACHE_ASSOC",
          "LEVEL3_CACHE_LINESIZE",
          "LEVEL4_CACHE_SIZE",
          "LEVEL4_CACHE_ASSOC",
          "LEVEL4_CACHE_LINESIZE");

  private Sysconf() {}

  /**
   * The cache lines, as {@code getconf -a} prints them: a name and a value; a name whose value the
   * library does not know (0 or less) is left out.
   *
   * @return the lines; empty where the C library has no {@code sysconf} or knows none of them
   */
  static List<String> cacheLines() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return List.of(); // the numbering is glibc's, on Linux
    }
    try {
      Linker linker = Linker.nativeLinker();
      MethodHandle sysconf =
          linker.downcallHandle(
              linker.defaultLookup().findOrThrow("sysconf"),
              FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < NAMES.size(); i++) {
        long value = (long) sysconf.invokeExact(FIRST_CACHE_NAME + i);
        if (value > 0) {
          lines.add(NAMES.get(i) + " " + value);
        }
      }
      return lines;
    } catch (Throwable t) { // no sysconf, or native access refused: nothing reported
      return List.of();
    }
  }
}
