package dev.anatomy.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.LinuxAio;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import dev.anatomy.result.LatencyFigures;
import dev.anatomy.result.PartResult;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.MeasureContext;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.Part;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * The storage part: sequential 1 MiB reads and writes at queue depth 1, random 4 KiB reads at queue
 * depth 1 and 32 and writes at depth 1, with latency percentiles, and fdatasync latency, on a test
 * file in a fresh folder ({@code --disk-dir}, else the current directory), all with {@code
 * O_DIRECT} where the filesystem accepts it; or, with {@code --disk-read-only FILE}, reads only on
 * a user's file, which is never written. The device behind the folder is shown as reported.
 *
 * <p>A probe that fails mid-way leaves its figures unavailable with the reason, and the rest goes
 * on; the test file is removed whatever happens.
 */
public final class StoragePart implements Part {
  private static final String PREFIX = "storage.";
  private static final List<String> WRITE_KEYS =
      List.of(
          "sequentialWriteBytesPerSecond",
          "randomWriteIops",
          "randomWriteLatencyNs",
          "fsyncLatencyNs");
  private static final List<String> READ_KEYS =
      List.of(
          "sequentialReadBytesPerSecond",
          "randomReadIops",
          "randomReadLatencyNs",
          "randomReadIopsQd32",
          "randomReadLatencyNsQd32");

  private final boolean tryDirect;

  /** The part, with direct I/O wherever the filesystem accepts it. */
  public StoragePart() {
    this(true);
  }

  /**
   * The part.
   *
   * @param tryDirect false forces buffered I/O, to exercise the fallback
   */
  StoragePart(boolean tryDirect) {
    this.tryDirect = tryDirect;
  }

  @Override
  public String name() {
    return "storage";
  }

  @Override
  public void validate(MeasureOptions options) {
    DiskTarget.validate(options);
  }

  @Override
  public PartResult measure(MeasureContext ctx) {
    Unavailable unavailable = new Unavailable();
    ObjectNode section = Json.object();
    MeasureOptions o = ctx.options();
    Path where =
        o.diskReadOnlyFile().map(Path::of).orElseGet(() -> DiskTarget.folder(o)).toAbsolutePath();
    if (o.diskReadOnlyFile().isPresent()) {
      section.put("readOnly", true);
      WRITE_KEYS.forEach(
          k ->
              unavailable.add(PREFIX + k, "--disk-read-only: nothing is written to a user's file"));
      readOnly(ctx, where, section, unavailable);
    } else {
      section.put("readOnly", false);
      testFile(ctx, where, section, unavailable);
    }
    return new PartResult(name(), section, unavailable.asMap(), ctx.noise().records(), true);
  }

  private void testFile(MeasureContext ctx, Path folder, ObjectNode section, Unavailable un) {
    long size = ctx.options().diskSizeBytes();
    try {
      DiskTarget.validateFolder(folder, ctx.options().diskDir().isPresent(), size);
    } catch (RuntimeException e) {
      allUnavailable(un, section, e.getMessage());
      return;
    }
    try (TestFile test = TestFile.create(folder);
        DiskFile file = DiskFile.openForWriting(test.file(), tryDirect)) {
      DiskPlan plan = DiskPlan.of(size, file.alignment(), ctx.effort());
      describe(section, file, plan, folder);
      long seed = new SplittableRandom().nextLong();
      BlockStamp stamps = new BlockStamp(seed);
      try {
        Figures.put(
            section,
            "sequentialWriteBytesPerSecond",
            step(
                ctx,
                "sequential write",
                plan.sequentialBlocks(),
                m -> SequentialProbe.write(file, plan, stamps, m)));
      } catch (IOException | RuntimeException e) {
        allUnavailable(un, section, "the test file could not be written: " + e.getMessage());
        throw e;
      }
      reads(ctx, file, plan, stamps, plan.fileBytes(), section, un);
      RandomIoProbe writes = new RandomIoProbe(file, plan, plan.fileBytes(), stamps);
      tryStep(
          un,
          "randomWriteIops",
          () -> {
            RandomIoProbe.Run r =
                step(ctx, "random write", plan.rounds(), m -> writes.run(1, true, seed ^ 3, m));
            putRandom(
                section,
                "randomWriteIops",
                "randomWriteLatencyNs",
                r,
                file,
                plan,
                1,
                threads(1),
                "writes");
            return null;
          },
          "randomWriteLatencyNs");
      tryStep(
          un,
          "fsyncLatencyNs",
          () -> {
            List<Histogram> rounds =
                step(
                    ctx,
                    "fsync",
                    plan.rounds(),
                    m -> FsyncProbe.run(file, plan, stamps, seed ^ 4, m));
            LatencyFigures.put(
                section,
                "fsyncLatencyNs",
                rounds,
                FsyncProbe.method(file, plan),
                SequentialProbe.variant(file));
            return null;
          });
    } catch (IOException | RuntimeException e) {
      allUnavailable(
          un, section, "the test file could not be used in " + folder + ": " + e.getMessage());
    }
    section.set("device", device(folder, section));
  }

  private void readOnly(MeasureContext ctx, Path path, ObjectNode section, Unavailable un) {
    try (DiskFile file = DiskFile.openReadOnly(path, tryDirect)) {
      long size = file.size();
      long span = Math.min(size, ctx.options().diskSizeBytes());
      DiskPlan plan =
          DiskPlan.of(Math.max(span, DiskPlan.SEQUENTIAL_BLOCK), file.alignment(), ctx.effort());
      describe(section, file, plan, path);
      section.put("readOnlyFileBytes", size);
      reads(ctx, file, plan, null, size, section, un);
    } catch (IOException | RuntimeException e) {
      READ_KEYS.forEach(k -> un.add(PREFIX + k, path + " could not be read: " + e.getMessage()));
    }
    section.set("device", device(path, section));
  }

  /** The read passes; {@code stamps} null for a user's file. */
  private static void reads(
      MeasureContext ctx,
      DiskFile file,
      DiskPlan plan,
      BlockStamp stamps,
      long randomSpan,
      ObjectNode section,
      Unavailable un) {
    long seed = new SplittableRandom().nextLong();
    tryStep(
        un,
        "sequentialReadBytesPerSecond",
        () -> {
          Figures.put(
              section,
              "sequentialReadBytesPerSecond",
              step(
                  ctx,
                  "sequential read",
                  plan.sequentialBlocks(),
                  m -> SequentialProbe.read(file, plan, stamps, m)));
          return null;
        });
    RandomIoProbe probe = new RandomIoProbe(file, plan, randomSpan, stamps);
    tryStep(
        un,
        "randomReadIops",
        () -> {
          RandomIoProbe.Run r =
              step(ctx, "random read", plan.rounds(), m -> probe.run(1, false, seed, m));
          putRandom(
              section,
              "randomReadIops",
              "randomReadLatencyNs",
              r,
              file,
              plan,
              1,
              threads(1),
              "reads");
          return null;
        },
        "randomReadLatencyNs");
    tryStep(
        un,
        "randomReadIopsQd32",
        () -> {
          boolean aio = file.direct() && LinuxAio.unavailable().isEmpty();
          String[] engine = {aio ? AIO_ENGINE : ""};
          RandomIoProbe.Run r =
              step(
                  ctx,
                  "random read, queue depth " + plan.queueDepth(),
                  plan.rounds(),
                  m -> {
                    if (aio) {
                      try {
                        return probe.runAio(plan.queueDepth(), seed ^ 1, m);
                      } catch (IOException e) {
                        engine[0] = "native AIO refused (" + e.getMessage() + "); ";
                      }
                    }
                    return probe.run(plan.queueDepth(), false, seed ^ 1, m);
                  });
          putRandom(
              section,
              "randomReadIopsQd32",
              "randomReadLatencyNsQd32",
              r,
              file,
              plan,
              plan.queueDepth(),
              engine[0].equals(AIO_ENGINE) ? AIO_ENGINE : engine[0] + threads(plan.queueDepth()),
              "reads");
          return null;
        },
        "randomReadLatencyNsQd32");
  }

  /** How the deep-queue reads are kept in flight with native AIO. */
  static final String AIO_ENGINE =
      "one thread keeping them in flight with Linux native AIO (io_submit, io_getevents), as"
          + " fio --ioengine=libaio";

  private static String threads(int depth) {
    return depth + (depth == 1 ? " thread" : " threads") + " doing positional I/O";
  }

  private static void putRandom(
      ObjectNode section,
      String iopsKey,
      String latencyKey,
      RandomIoProbe.Run run,
      DiskFile file,
      DiskPlan plan,
      int depth,
      String engine,
      String what) {
    String method =
        "random "
            + what
            + " of "
            + plan.randomBlockBytes() / 1024
            + " KiB at uniformly random aligned offsets, queue depth "
            + depth
            + " ("
            + engine
            + "), "
            + (file.direct() ? "O_DIRECT" : "buffered after dropping the file's cached pages");
    Figure iops =
        Figure.of(
                run.iops(),
                dev.anatomy.harness.Statistic.MEDIAN,
                "IO/s",
                method
                    + "; each sample is one round's operations over its wall time, the figure"
                    + " their median")
            .withVariant(SequentialProbe.variant(file));
    Figures.put(section, iopsKey, iops);
    LatencyFigures.put(section, latencyKey, run.latencies(), method, SequentialProbe.variant(file));
  }

  private static void describe(ObjectNode section, DiskFile file, DiskPlan plan, Path where) {
    section.put("direct", file.direct());
    if (!file.direct()) {
      section.put("whyBuffered", file.whyBuffered());
    }
    section.put("path", where.toString());
    section.put("fileSizeBytes", plan.fileBytes());
    section.put("alignmentBytes", file.alignment());
    section.put("sequentialBlockBytes", plan.sequentialBlockBytes());
    section.put("randomBlockBytes", plan.randomBlockBytes());
    section.put("queueDepth", plan.queueDepth());
  }

  private static ObjectNode device(Path where, ObjectNode section) {
    BlockDevice d = BlockDevices.describe(where);
    ObjectNode o = StorageDocument.device(d);
    StorageDocument.measuredSeek(o, section);
    return o;
  }

  /** Marks every figure not yet measured unavailable; the first reason recorded for a key wins. */
  private static void allUnavailable(Unavailable un, ObjectNode section, String reason) {
    var already = un.asMap();
    for (List<String> keys : List.of(READ_KEYS, WRITE_KEYS)) {
      for (String k : keys) {
        if (!section.has(k) && !already.containsKey(PREFIX + k)) {
          un.add(PREFIX + k, reason);
        }
      }
    }
  }

  /** A step's body, given its progress meter. */
  @FunctionalInterface
  private interface Body<T> {
    T run(ProgressMeter meter) throws IOException;
  }

  /** A step whose failure leaves its keys unavailable. */
  @FunctionalInterface
  private interface Attempt {
    Object run() throws IOException;
  }

  private static <T> T step(MeasureContext ctx, String name, double units, Body<T> body)
      throws IOException {
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "storage: " + name, units);
    var watched = ctx.noise().begin("storage." + name);
    try {
      T result = body.run(meter);
      meter.done();
      return result;
    } finally {
      watched.close();
    }
  }

  private static void tryStep(Unavailable un, String key, Attempt attempt, String... alsoKeys) {
    try {
      attempt.run();
    } catch (IOException | RuntimeException e) {
      String reason = "failed mid-way: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      un.add(PREFIX + key, reason);
      for (String k : alsoKeys) {
        un.add(PREFIX + k, reason);
      }
    }
  }
}
