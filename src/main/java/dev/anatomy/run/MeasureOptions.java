package dev.anatomy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to measure and how, already validated. Travels as JSON from the command line to the forked
 * JVM that measures.
 *
 * @param parts parts to measure, in order: compute, memory, storage, links
 * @param effort quick, standard or deep
 * @param maxWorkingSetBytes largest memory working set, or 0 for the default (at least 1 GiB and 4x
 *     the last-level cache, within the memory limit)
 * @param diskDir folder for the disk test file, or empty for a fresh temporary folder under the
 *     current directory
 * @param diskSizeBytes size of the disk test file
 * @param diskReadOnlyFile an existing file or device to measure reads on, writing nothing
 * @param peer HOST:PORT of an {@code anatomy serve} peer, or empty for loopback
 * @param suiteSizes working sets for the validation suite (one per tier), empty otherwise
 */
public record MeasureOptions(
    List<String> parts,
    Effort effort,
    long maxWorkingSetBytes,
    Optional<String> diskDir,
    long diskSizeBytes,
    Optional<String> diskReadOnlyFile,
    Optional<String> peer,
    List<Long> suiteSizes) {
  /** Every part, in the order a whole card measures them. */
  public static final List<String> ALL_PARTS = List.of("compute", "memory", "storage", "links");

  /** Default disk test file: 1 GiB. */
  public static final long DEFAULT_DISK_SIZE = 1L << 30;

  /** Default disk test file of a quick card: 128 MiB. */
  public static final long QUICK_DISK_SIZE = 128L << 20;

  /**
   * Copies the list.
   *
   * @param parts parts
   * @param effort effort
   * @param maxWorkingSetBytes max working set
   * @param diskDir disk dir
   * @param diskSizeBytes disk size
   * @param diskReadOnlyFile read-only disk file
   * @param peer peer
   * @param suiteSizes suite sizes
   */
  public MeasureOptions {
    parts = List.copyOf(parts);
    suiteSizes = List.copyOf(suiteSizes);
  }

  /**
   * The options of a card: no validation suite.
   *
   * @param parts parts
   * @param effort effort
   * @param maxWorkingSetBytes max working set
   * @param diskDir disk dir
   * @param diskSizeBytes disk size
   * @param diskReadOnlyFile read-only disk file
   * @param peer peer
   */
  public MeasureOptions(
      List<String> parts,
      Effort effort,
      long maxWorkingSetBytes,
      Optional<String> diskDir,
      long diskSizeBytes,
      Optional<String> diskReadOnlyFile,
      Optional<String> peer) {
    this(
        parts,
        effort,
        maxWorkingSetBytes,
        diskDir,
        diskSizeBytes,
        diskReadOnlyFile,
        peer,
        List.of());
  }

  /**
   * The same options with sizes for the validation suite.
   *
   * @param sizes working sets, one per tier
   * @return a copy
   */
  public MeasureOptions withSuiteSizes(List<Long> sizes) {
    return new MeasureOptions(
        parts, effort, maxWorkingSetBytes, diskDir, diskSizeBytes, diskReadOnlyFile, peer, sizes);
  }

  /**
   * Defaults for the given parts and effort.
   *
   * @param parts parts to measure
   * @param effort effort
   * @return options with default disk and network settings
   */
  public static MeasureOptions of(List<String> parts, Effort effort) {
    return new MeasureOptions(
        parts, effort, 0, Optional.empty(), DEFAULT_DISK_SIZE, Optional.empty(), Optional.empty());
  }

  /**
   * The options as JSON, to hand to a forked JVM.
   *
   * @return a JSON object
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    var list = o.putArray("parts");
    parts.forEach(list::add);
    o.put("effort", effort.name());
    o.put("maxWorkingSetBytes", maxWorkingSetBytes);
    diskDir.ifPresent(d -> o.put("diskDir", d));
    o.put("diskSizeBytes", diskSizeBytes);
    diskReadOnlyFile.ifPresent(d -> o.put("diskReadOnlyFile", d));
    peer.ifPresent(p -> o.put("peer", p));
    var sizes = o.putArray("suiteSizes");
    suiteSizes.forEach(sizes::add);
    return o;
  }

  /**
   * Reads options written by {@link #toJson()}.
   *
   * @param o the JSON object
   * @return the options
   */
  public static MeasureOptions fromJson(JsonNode o) {
    List<String> parts = new ArrayList<>();
    o.path("parts").forEach(p -> parts.add(p.asText()));
    List<Long> sizes = new ArrayList<>();
    o.path("suiteSizes").forEach(p -> sizes.add(p.asLong()));
    return new MeasureOptions(
        parts,
        Effort.valueOf(o.path("effort").asText("STANDARD")),
        o.path("maxWorkingSetBytes").asLong(0),
        text(o, "diskDir"),
        o.path("diskSizeBytes").asLong(DEFAULT_DISK_SIZE),
        text(o, "diskReadOnlyFile"),
        text(o, "peer"),
        sizes);
  }

  private static Optional<String> text(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }
}
