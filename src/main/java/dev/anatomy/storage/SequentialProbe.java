package dev.anatomy.storage;

import dev.anatomy.harness.FileSpace;
import dev.anatomy.harness.NativeCallException;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Sequential passes over the file, one 1 MiB block at a time (queue depth 1), cut into slices: each
 * slice's bytes per second is one sample and the figure is their median, as a whole pass of {@code
 * fio --rw=read --bs=1M --ioengine=psync} is one average.
 */
final class SequentialProbe {
  private SequentialProbe() {}

  /**
   * Writes the whole file, stamping every 4 KiB unit (see {@link BlockStamp}), into space reserved
   * first with {@code fallocate} where the filesystem supports it, as {@code fio} lays out a new
   * file. Buffered I/O syncs each slice inside its timing, so the figure is what reached the
   * device, not the page cache.
   *
   * @param file the file, open for writing
   * @param plan sizes
   * @param stamps the run's stamps
   * @param meter advanced by one per block
   * @return bytes per second
   * @throws IOException on a write error
   */
  static Figure write(DiskFile file, DiskPlan plan, BlockStamp stamps, ProgressMeter meter)
      throws IOException {
    boolean reserved = reserve(file, plan);
    ByteBuffer buf = file.buffer(plan.sequentialBlockBytes());
    BlockStamp.fillRandom(buf, new SplittableRandom(stamps.stamp(-1)));
    double[] rates = new double[slices(plan)];
    long pos = 0;
    for (int s = 0; s < rates.length; s++) {
      long end = s == rates.length - 1 ? plan.fileBytes() : pos + plan.sliceBytes();
      long start = pos;
      long t0 = System.nanoTime();
      for (; pos < end; pos += plan.sequentialBlockBytes()) {
        stamps.stampAll(buf, pos, 0);
        buf.clear();
        file.writeFully(buf, pos);
      }
      if (!file.direct()) {
        file.sync();
      }
      long ns = System.nanoTime() - t0;
      rates[s] = (end - start) * 1e9 / Math.max(ns, 1);
      meter.advance((double) (end - start) / plan.sequentialBlockBytes());
    }
    String method =
        method("writes", file)
            + (reserved
                ? "; the space was reserved with fallocate first"
                : "; the filesystem does not support fallocate, so the writes grew the file");
    return Figure.of(Samples.of(rates), Statistic.MEDIAN, "B/s", method).withVariant(variant(file));
  }

  private static boolean reserve(DiskFile file, DiskPlan plan) throws IOException {
    try {
      return FileSpace.allocate(file.path(), plan.fileBytes());
    } catch (NativeCallException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Reads the first {@code plan.fileBytes()} of the file; checks every unit's stamp where the run
   * wrote the file.
   *
   * @param file the file
   * @param plan sizes
   * @param stamps the run's stamps, or null for a user's file, whose content is unknown
   * @param meter advanced by one per block
   * @return bytes per second
   * @throws IOException on a read error
   */
  static Figure read(DiskFile file, DiskPlan plan, BlockStamp stamps, ProgressMeter meter)
      throws IOException {
    file.dropCache();
    ByteBuffer buf = file.buffer(plan.sequentialBlockBytes());
    double[] rates = new double[slices(plan)];
    long pos = 0;
    for (int s = 0; s < rates.length; s++) {
      long end = s == rates.length - 1 ? plan.fileBytes() : pos + plan.sliceBytes();
      long start = pos;
      long t0 = System.nanoTime();
      for (; pos < end; pos += plan.sequentialBlockBytes()) {
        buf.clear();
        file.readFully(buf, pos);
        if (stamps != null) {
          stamps.checkAll(buf, pos);
        }
      }
      long ns = System.nanoTime() - t0;
      rates[s] = (end - start) * 1e9 / Math.max(ns, 1);
      meter.advance((double) (end - start) / plan.sequentialBlockBytes());
    }
    return Figure.of(Samples.of(rates), Statistic.MEDIAN, "B/s", method("reads", file))
        .withVariant(variant(file));
  }

  private static int slices(DiskPlan plan) {
    return (int)
        Math.max(1, Math.min(plan.sequentialSlices(), plan.fileBytes() / plan.sliceBytes()));
  }

  static String variant(DiskFile file) {
    return file.direct() ? "direct" : "buffered";
  }

  private static String method(String what, DiskFile file) {
    return "sequential "
        + what
        + " of 1 MiB blocks, queue depth 1 (one thread, positional I/O), "
        + (file.direct()
            ? "O_DIRECT with buffers aligned to " + file.alignment() + " bytes"
            : "buffered, the file's pages dropped from the page cache first (posix_fadvise"
                + " DONTNEED) and each slice synced")
        + "; each sample is one slice of the pass, the figure their median";
  }
}
