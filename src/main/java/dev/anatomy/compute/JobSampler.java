package dev.anatomy.compute;

import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Sink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Times one job at several thread counts, alternating the counts within each round, so a noisy
 * neighbour slows every count alike rather than one of them; the first round is dropped as warm-up.
 */
final class JobSampler {
  private JobSampler() {}

  /**
   * Samples job times.
   *
   * @param counts thread counts
   * @param rounds rounds kept, at least 1
   * @param jobNs runs one job at a thread count and returns its nanoseconds
   * @return seconds per job at each count, in count order
   */
  static Map<Integer, Samples> sample(List<Integer> counts, int rounds, IntToLongFunction jobNs) {
    for (int threads : counts) {
      Sink.consume(jobNs.applyAsLong(threads));
    }
    Map<Integer, double[]> seconds = new LinkedHashMap<>();
    for (int threads : counts) {
      seconds.put(threads, new double[rounds]);
    }
    for (int r = 0; r < rounds; r++) {
      for (int threads : counts) {
        seconds.get(threads)[r] = jobNs.applyAsLong(threads) / 1e9;
      }
    }
    Map<Integer, Samples> out = new LinkedHashMap<>();
    seconds.forEach((threads, s) -> out.put(threads, new Samples(s, 1)));
    return out;
  }
}
