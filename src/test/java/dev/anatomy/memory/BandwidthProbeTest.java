package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BandwidthProbeTest {
  private static final Sampler QUICK = new Sampler(new Sampler.Plan(1, 3, 2, 0.05, 3));

  @Test
  void aWorkerThatCannotMapLeavesNoneOfTheOthersRegionsMapped() throws IOException {
    int[] cpus = Affinity.allowedCpus();
    int[] two = {cpus[0], cpus[cpus.length - 1]};
    List<StreamWorkspace> made = new CopyOnWriteArrayList<>();
    try (PinnedPool pool = new PinnedPool(two)) {
      assertThatThrownBy(
              () ->
                  probe(
                      pool,
                      w -> {
                        if (w == 1) {
                          throw new IllegalStateException("no room for worker 1");
                        }
                        return mapped(made);
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no room for worker 1");
    }
    assertThat(made).hasSize(1);
    assertThat(mapped(made.get(0).address())).isFalse();
  }

  @Test
  void whenEveryWorkerFailsToMapItsOwnFailureIsWhatIsThrown() {
    int[] cpus = Affinity.allowedCpus();
    try (PinnedPool pool = new PinnedPool(new int[] {cpus[0], cpus[cpus.length - 1]})) {
      assertThatThrownBy(
              () ->
                  probe(
                      pool,
                      w -> {
                        throw new IllegalStateException("no room for worker " + w);
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("no room for worker 0");
    }
  }

  @Test
  void aProbeThatMapsUnmapsEveryRegionOnClose() throws IOException {
    int[] cpus = Affinity.allowedCpus();
    List<StreamWorkspace> made = new CopyOnWriteArrayList<>();
    try (PinnedPool pool = new PinnedPool(new int[] {cpus[0], cpus[cpus.length - 1]})) {
      BandwidthProbe probe = probe(pool, w -> mapped(made));
      assertThat(made).hasSize(2);
      for (StreamWorkspace ws : made) {
        assertThat(mapped(ws.address())).isTrue();
      }
      probe.close();
    }
    for (StreamWorkspace ws : made) {
      assertThat(mapped(ws.address())).isFalse();
    }
  }

  /** A probe whose two workers map 1 MiB workspaces with {@code map}. */
  private static BandwidthProbe probe(
      PinnedPool pool, java.util.function.IntFunction<StreamWorkspace> map) {
    return new BandwidthProbe(
        pool, QUICK, StreamLoops.best(), 500_000, new long[] {1 << 20, 1 << 20}, map);
  }

  /** Maps a 1 MiB workspace and keeps it in {@code made}. */
  private static StreamWorkspace mapped(List<StreamWorkspace> made) {
    StreamWorkspace ws = StreamWorkspace.map(1 << 20, StreamLoops.best());
    made.add(ws);
    return ws;
  }

  /** Whether an address lies in one of this process's mappings. */
  private static boolean mapped(long address) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      String[] range = line.substring(0, line.indexOf(' ')).split("-");
      long start = Long.parseUnsignedLong(range[0], 16);
      long end = Long.parseUnsignedLong(range[1], 16);
      if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
        return true;
      }
    }
    return false;
  }
}
