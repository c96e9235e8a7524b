package dev.anatomy.memory;

import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.run.Effort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Bench only (bench/memory-vs-likwid.sh): anatomy's own latency probe at one working set,
 * alternating in one process with bench/chase.c, so that both sides meet the same moments of a
 * shared machine. A card visits each size a few times in some 20 s, and the C chase runs tens of
 * seconds away from those visits; where the guest's share of a shared cache comes and goes from one
 * half second to the next (4 MiB on the Firecracker guest), the two sides of a round then measure
 * different machines.
 *
 * <p>Each pair: the probe as a default card chases (a tlb-grouped chain, 4 KiB pages, one pointer
 * per 64-byte line, built and chased by worker 0 on CPU 0 up to 64 MiB, five samples of the card's
 * length after the warm-up, best taken), then the C chase on CPU 0 (the same sampling). Each side
 * first chases its lines for half a second (the C chase's settling; here, the probe's own points
 * over the same lines, as a card's consecutive visits do). The side that goes first alternates.
 * Prints "anatomy SIZE NS" and "chase SIZE NS", a line each.
 *
 * <pre>
 *   javac -cp target/anatomy.jar -d DIR bench/ChasePoint.java
 *   java --enable-native-access=ALL-UNNAMED -cp DIR:target/anatomy.jar \
 *       dev.anatomy.memory.ChasePoint SIZE_BYTES PAIRS PATH_TO_C_CHASE
 * </pre>
 */
public final class ChasePoint {
  /** Chasing before each measured point, on both sides: bench/chase.c's default SETTLE_MS. */
  private static final long SETTLE_NS = 500_000_000L;

  private ChasePoint() {}

  public static void main(String[] args) throws Exception {
    long size = Long.parseLong(args[0]);
    int pairs = Integer.parseInt(args[1]);
    String chase = args[2];
    int cpus = Runtime.getRuntime().availableProcessors();
    int[] all = new int[cpus];
    for (int i = 0; i < cpus; i++) {
      all[i] = i;
    }
    // a default card's latency sampling
    Sampler sampler = new Sampler(MemoryPlan.latencyPlan(Effort.STANDARD));
    try (PinnedPool pool = new PinnedPool(all)) {
      LatencyProbe probe =
          new LatencyProbe(pool, sampler, MemoryPlan.latencySampleNs(Effort.STANDARD));
      OffHeap region =
          pool.run(
                  1,
                  w -> {
                    OffHeap r = OffHeap.map(Math.max(size, 1L << 20), PageSize.SMALL);
                    r.touch();
                    return r;
                  })
              .get(0);
      try (region) {
        probe.warmUpJit(region);
        for (int i = 0; i < 3; i++) {
          probe.measure(region, size, ChaseLayout.Variant.TLB_GROUPED); // JIT and page warm-up
        }
        for (int i = 0; i < pairs; i++) {
          if (i % 2 == 0) {
            anatomy(probe, region, size);
            c(chase, size);
          } else {
            c(chase, size);
            anatomy(probe, region, size);
          }
        }
      }
    }
  }

  private static void anatomy(LatencyProbe probe, OffHeap region, long size) {
    // settles as the C chase does: half a second of chasing the same lines first, as a card's
    // consecutive visits do
    long until = System.nanoTime() + SETTLE_NS;
    do {
      probe.measure(region, size, ChaseLayout.Variant.TLB_GROUPED);
    } while (System.nanoTime() < until);
    LatencyPoint p = probe.measure(region, size, ChaseLayout.Variant.TLB_GROUPED);
    System.out.printf("anatomy %d %.3f%n", size, p.latency().value());
  }

  private static void c(String chase, long size) throws Exception {
    Process p =
        new ProcessBuilder("taskset", "-c", "0", chase, Long.toString(size))
            .redirectErrorStream(true)
            .start();
    String line;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      line = r.readLine();
    }
    if (p.waitFor() != 0 || line == null) {
      throw new IllegalStateException("the C chase failed: " + line);
    }
    System.out.printf("chase %d %s%n", size, line.split(" ")[1]);
  }
}
