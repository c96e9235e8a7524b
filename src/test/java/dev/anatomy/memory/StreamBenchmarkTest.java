package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StreamBenchmarkTest {
  @Test
  @Timeout(60)
  void measuresCopyAndTriadOnOneAndAllThreads() {
    int[] cpus = Affinity.allowedCpus();
    try (StreamBenchmark b =
        StreamBenchmark.open(cpus, 8L << 20, new Sampler.Plan(1, 2, 2, 0.1, 2))) {
      BandwidthPoint one = b.measure(StreamKernel.TRIAD, 1);
      BandwidthPoint all = b.measure(StreamKernel.COPY, cpus.length);
      assertThat(one.threads()).isEqualTo(1);
      assertThat(one.sizeBytes()).isEqualTo(3L * (8L << 20));
      assertThat(one.bandwidth().value()).isPositive().isFinite();
      assertThat(all.threads()).isEqualTo(cpus.length);
      assertThat(all.bandwidth().value()).isPositive();
      assertThat(b.method(StreamKernel.TRIAD)).contains("24 bytes per element");
    }
  }

  @Test
  void mapsThreeArraysPerWorkerShare() {
    long mib = 1L << 20;
    assertThat(StreamBenchmark.footprintBytes(128 * mib, 1)).isEqualTo(3 * (128 * mib + 65536));
    assertThat(StreamBenchmark.footprintBytes(128 * mib, 2))
        .isEqualTo(3 * (128 * mib + 65536) + 3 * (64 * mib + 65536));
  }
}
