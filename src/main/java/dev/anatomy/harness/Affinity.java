package dev.anatomy.harness;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Pins threads to CPUs with {@code sched_setaffinity}.
 *
 * <p>The kernel applies the call to the calling thread (pid 0), so each worker pins itself:
 *
 * <pre>{@code
 * int[] cpus = Affinity.allowedCpus();
 * Thread worker = Thread.ofPlatform().start(() -> {
 *   Affinity.pinCurrentThread(cpus[1]);
 *   // ... first touch and measure here ...
 * });
 * }</pre>
 */
public final class Affinity {
  private Affinity() {}

  /**
   * The CPUs this process may run on, as the kernel's affinity mask says (cgroups and {@code
   * taskset} narrow it), in ascending order.
   *
   * @return CPU numbers, never empty
   */
  public static int[] allowedCpus() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mask = arena.allocate(Libc.CPU_SET_BYTES, 8);
      MemorySegment state = Libc.newCallState(arena);
      int rc = (int) Libc.SCHED_GETAFFINITY.invokeExact(state, 0, Libc.CPU_SET_BYTES, mask);
      if (rc != 0) {
        return fallbackCpus();
      }
      return cpusOf(mask.toArray(Libc.WORD));
    } catch (Throwable t) {
      return fallbackCpus();
    }
  }

  /**
   * Pins the calling thread to one CPU.
   *
   * @param cpu the CPU number
   * @throws NativeCallException if the kernel refuses (CPU offline or outside the cgroup's set)
   */
  public static void pinCurrentThread(int cpu) {
    if (cpu < 0 || cpu >= Libc.CPU_SET_BYTES * 8) {
      throw new IllegalArgumentException("cpu must be between 0 and 1023, was " + cpu);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mask = arena.allocate(Libc.CPU_SET_BYTES, 8);
      mask.setAtIndex(Libc.WORD, cpu >>> 6, 1L << (cpu & 63));
      MemorySegment state = Libc.newCallState(arena);
      int rc;
      try {
        rc = (int) Libc.SCHED_SETAFFINITY.invokeExact(state, 0, Libc.CPU_SET_BYTES, mask);
      } catch (Throwable t) {
        throw Libc.propagate(t);
      }
      if (rc != 0) {
        throw new NativeCallException(
            "sched_setaffinity to CPU " + cpu + ": " + Libc.describe(Libc.errno(state)));
      }
    }
  }

  /**
   * The CPU the calling thread runs on now.
   *
   * @return the CPU number, or -1 if the kernel cannot say
   */
  public static int currentCpu() {
    try (Arena arena = Arena.ofConfined()) {
      return (int) Libc.SCHED_GETCPU.invokeExact(Libc.newCallState(arena));
    } catch (Throwable t) {
      return -1;
    }
  }

  /** Decodes a {@code cpu_set_t} given as 64-bit words. */
  static int[] cpusOf(long[] words) {
    List<Integer> cpus = new ArrayList<>();
    for (int w = 0; w < words.length; w++) {
      long bits = words[w];
      while (bits != 0) {
        int bit = Long.numberOfTrailingZeros(bits);
        cpus.add(w * 64 + bit);
        bits &= bits - 1;
      }
    }
    return cpus.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] fallbackCpus() {
    int n = Runtime.getRuntime().availableProcessors();
    int[] cpus = new int[n];
    for (int i = 0; i < n; i++) {
      cpus[i] = i;
    }
    return cpus;
  }
}
