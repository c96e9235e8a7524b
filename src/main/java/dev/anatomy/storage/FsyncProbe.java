package dev.anatomy.storage;

import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.result.LatencyFigures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * How long making a small write durable takes: write one 4 KiB block at a random offset (untimed),
 * then time {@code fdatasync} ({@code FileChannel.force(false)}), as a database's commit does. One
 * histogram per round.
 */
final class FsyncProbe {
  /** Upper bound of syncs per round, so a device that acknowledges at once ends the round. */
  static final int MAX_PER_ROUND = 2000;

  private FsyncProbe() {}

  /**
   * Runs the rounds.
   *
   * @param file the test file
   * @param plan rounds and block size
   * @param stamps the run's stamps; the blocks written keep them
   * @param seed seed of the offsets
   * @param meter advanced by one per round
   * @return one histogram per round
   * @throws IOException on an I/O error
   */
  static List<Histogram> run(
      DiskFile file, DiskPlan plan, BlockStamp stamps, long seed, ProgressMeter meter)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer buf = file.buffer(plan.randomBlockBytes());
    BlockStamp.fillRandom(buf, random);
    long blocks = plan.randomBlocks();
    List<Histogram> rounds = new ArrayList<>();
    long generation = 1L << 60;
    for (int r = 0; r < plan.rounds(); r++) {
      Histogram h = LatencyFigures.newHistogram();
      long deadline = System.nanoTime() + plan.roundNs() / 2;
      int n = 0;
      do {
        long pos = random.nextLong(blocks) * plan.randomBlockBytes();
        stamps.stampAll(buf, pos, ++generation);
        buf.clear();
        file.writeFully(buf, pos);
        long t0 = System.nanoTime();
        file.sync();
        h.recordValue(Math.min(System.nanoTime() - t0, LatencyFigures.HIGHEST_NS));
        n++;
      } while (n < MAX_PER_ROUND && System.nanoTime() < deadline);
      rounds.add(h);
      meter.advance(1);
    }
    return rounds;
  }

  static String method(DiskFile file, DiskPlan plan) {
    return "fdatasync (FileChannel.force(false)) right after a "
        + plan.randomBlockBytes() / 1024
        + " KiB "
        + (file.direct() ? "O_DIRECT" : "buffered")
        + " write at a random offset; only the sync is timed";
  }
}
