package dev.anatomy.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import dev.anatomy.result.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Hand-made documents for tests: the envelope of a real document, and figures in the real shape
 * (number at the key, details beside), with samples drawn from a seeded distribution so that two
 * documents can be "the same machine" or "a slower machine".
 */
public final class Documents {
  private Documents() {}

  /**
   * A document with no parts yet.
   *
   * @param id run id
   * @param startedAt start time
   * @return schemaVersion, run, environment, machine, unavailable
   */
  public static ObjectNode envelope(String id, Instant startedAt) {
    ObjectNode doc = Json.object();
    doc.put("schemaVersion", SchemaVersion.CURRENT);
    ObjectNode run = doc.putObject("run");
    run.put("id", id);
    run.put("anatomyVersion", "0.1.0");
    run.put("startedAt", startedAt.toString());
    run.put("finishedAt", startedAt.plusSeconds(12).toString());
    run.put("host", "testhost");
    run.put("command", "measure --quick");
    run.put("effort", "quick");
    run.putArray("partsRequested").add("memory");
    run.putArray("partsMeasured").add("memory");
    run.put("partial", false);
    ObjectNode env = doc.putObject("environment");
    env.put("kernel", "6.1.0-test");
    env.put("os", "Linux amd64");
    ObjectNode jvm = env.putObject("jvm");
    jvm.put("version", "25.0.3");
    jvm.put("vendor", "Eclipse Adoptium");
    jvm.put("vm", "OpenJDK 64-Bit Server VM");
    jvm.putArray("flags").add("--add-modules=jdk.incubator.vector");
    env.putArray("allowedCpus").add(0).add(1).add(2).add(3);
    env.putArray("noise");
    env.put("busy", false);
    ObjectNode machine = doc.putObject("machine");
    machine.put("vendor", "AuthenticAMD");
    machine.put("modelName", "Test CPU 9000");
    machine.put("logicalCpus", 4);
    machine.put("physicalCores", 2);
    ObjectNode l1 = machine.putArray("caches").addObject();
    l1.put("level", 1);
    l1.put("type", "Data");
    l1.put("sizeBytes", 32768);
    machine.put("memoryTotalBytes", 16L << 30);
    doc.putObject("unavailable");
    return doc;
  }

  /**
   * Puts a figure whose samples are {@code centre * (1 + spread * u)}, u uniform in [-1, 1].
   *
   * @param parent where
   * @param key its key, with its unit
   * @param unit unit
   * @param centre centre of the distribution
   * @param spread relative half-width of the distribution
   * @param n samples
   * @param random the source
   */
  public static void figure(
      ObjectNode parent,
      String key,
      String unit,
      double centre,
      double spread,
      int n,
      SplittableRandom random) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = centre * (1 + spread * (2 * random.nextDouble() - 1));
    }
    figure(parent, key, unit, v);
  }

  /**
   * Puts a figure with given samples; its value is their median.
   *
   * @param parent where
   * @param key key
   * @param unit unit
   * @param samples samples
   */
  public static void figure(ObjectNode parent, String key, String unit, double... samples) {
    Figure f =
        Figure.of(Samples.of(samples), Statistic.MEDIAN, unit, "synthetic " + key + " for tests");
    Figures.put(parent, key, f);
  }

  /**
   * A document with a figure of every part, in the keys the issues set, samples drawn around fixed
   * centres scaled by {@code speed} (2 = everything twice as fast: times halved, rates doubled).
   *
   * @param id run id
   * @param startedAt start
   * @param speed scale of the machine's speed
   * @param seed random seed of the samples
   * @return the document
   */
  public static ObjectNode allParts(String id, Instant startedAt, double speed, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double spread = 0.05;
    int n = 5;
    ObjectNode doc = envelope(id, startedAt);
    doc.withArray("/run/partsRequested")
        .removeAll()
        .add("compute")
        .add("memory")
        .add("storage")
        .add("links");
    doc.withArray("/run/partsMeasured")
        .removeAll()
        .add("compute")
        .add("memory")
        .add("storage")
        .add("links");

    ObjectNode compute = doc.putObject("compute");
    figure(compute, "clockHz", "Hz", 3.0e9 * speed, spread, n, r);
    ObjectNode peak = compute.putObject("peakFlops");
    figure(peak, "fp64AllCores", "FLOP/s", 9.6e10 * speed, spread, n, r);
    var ilp = compute.putArray("ilp");
    for (int chains : new int[] {1, 4}) {
      ObjectNode e = ilp.addObject();
      e.put("op", "fma");
      e.put("chains", chains);
      figure(e, "opsPerCycle", "ops/cycle", 0.25 * chains * speed, spread, n, r);
    }
    var demo = compute.putArray("amdahlDemo");
    for (double p : new double[] {0.05, 0.25}) {
      ObjectNode e = demo.addObject();
      e.put("serialFraction", p);
      e.put("threads", 2);
      figure(e, "speedup", "x", 2 / (1 + p) * Math.sqrt(speed), spread, n, r);
      e.put("amdahlSpeedup", 2 / (1 + p));
    }
    ObjectNode scaling = compute.putObject("scaling");
    figure(scaling, "amdahlSerialFraction", "", 0.1 / speed, spread, n, r);

    ObjectNode memory = doc.putObject("memory");
    var levels = memory.putArray("levels");
    String[] names = {"L1", "DRAM"};
    double[] latency = {1.2, 95};
    double[] triad = {1.2e11, 2.0e10};
    for (int i = 0; i < names.length; i++) {
      ObjectNode l = levels.addObject();
      l.put("name", names[i]);
      l.put("sizeBytes", i == 0 ? 32768 : 1 << 30);
      l.put("reportedSizeBytes", i == 0 ? 32768 : 1 << 30);
      figure(l, "latencyNs", "ns", latency[i] / speed, spread, n, r);
      figure(l, "triadBytesPerSecondAllThreads", "B/s", triad[i] * speed, spread, n, r);
    }
    var curve = memory.putArray("bandwidthCurve");
    for (String kernel : new String[] {"read", "triad"}) {
      ObjectNode p = curve.addObject();
      p.put("sizeBytes", 8192);
      p.put("threads", 1);
      p.put("kernel", kernel);
      figure(p, "bytesPerSecond", "B/s", 8e10 * speed, spread, n, r);
    }

    ObjectNode storage = doc.putObject("storage");
    storage.put("direct", true);
    figure(storage, "sequentialReadBytesPerSecond", "B/s", 1.5e9 * speed, spread, n, r);
    figure(storage, "randomReadIops", "IOPS", 12000 * speed, spread, n, r);
    ObjectNode lat = storage.putObject("randomReadLatencyNs");
    figure(lat, "p50", "ns", 80000 / speed, spread, n, r);
    figure(lat, "p99", "ns", 250000 / speed, spread, n, r);

    ObjectNode links = doc.putObject("links");
    ObjectNode bus = links.putObject("memoryBus");
    figure(bus, "triadBytesPerSecond", "B/s", 1.1e10 * speed, spread, n, r);
    ObjectNode loop = links.putObject("network").putObject("loopback");
    ObjectNode rtt = loop.putObject("tcpRoundTripNs");
    figure(rtt, "p50", "ns", 30000 / speed, spread, n, r);
    doc.withObjectProperty("unavailable")
        .put("links.pcie", "no libcuda.so.1: no NVIDIA driver on this machine");
    return doc;
  }

  /**
   * A test resource as text.
   *
   * @param name path under src/test/resources
   * @return its content
   */
  public static String resource(String name) {
    try (InputStream in = Documents.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
