package dev.anatomy.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;

/** Writes the device part of the storage section: what is reported beside what was measured. */
final class StorageDocument {
  /**
   * Random 4 KiB reads at queue depth 1 above this rate cannot come from a spinning disk: a 15,000
   * rpm disk needs 2 ms for half a turn, plus the seek.
   */
  static final double ROTATIONAL_IOPS_CEILING = 400;

  private StorageDocument() {}

  static ObjectNode device(BlockDevice d) {
    ObjectNode o = Json.object();
    o.put("mountPoint", d.mountPoint());
    o.put("fileSystem", d.fileSystem());
    o.put("source", d.source());
    putText(o, "name", d.name());
    putText(o, "partition", d.partition());
    o.put("transport", d.transport());
    if (d.rotational().isPresent()) {
      o.put("rotational", d.rotational().get());
    } else {
      o.putNull("rotational");
    }
    putText(o, "model", d.model());
    putPositive(o, "logicalBlockSizeBytes", d.logicalBlockBytes());
    putPositive(o, "physicalBlockSizeBytes", d.physicalBlockBytes());
    putPositive(o, "sizeBytes", d.sizeBytes());
    putText(o, "writeCache", d.writeCache());
    if (!d.slaves().isEmpty()) {
      var a = o.putArray("slaves");
      d.slaves().forEach(a::add);
    }
    putText(o, "sysfsPath", d.sysfsPath());
    o.put("reported", true);
    if ("memory".equals(d.transport())) {
      o.put("note", d.fileSystem() + " keeps files in memory: the figures are memory speed");
    }
    return o;
  }

  /**
   * Adds what the random reads say about the device beside its reported rotational flag.
   *
   * @param device the device object
   * @param section the storage section, holding randomReadIops when it was measured
   */
  static void measuredSeek(ObjectNode device, ObjectNode section) {
    if (!section.path("randomReadIops").isNumber()) {
      return;
    }
    double iops = section.get("randomReadIops").asDouble();
    device.put("randomReadsLikeRotational", iops < ROTATIONAL_IOPS_CEILING);
    device.put(
        "randomReadsLikeRotationalMethod",
        "measured: random 4 KiB reads at queue depth 1 faster than "
            + (int) ROTATIONAL_IOPS_CEILING
            + " IO/s cannot come from a spinning disk");
  }

  private static void putText(ObjectNode o, String key, String value) {
    if (value.isEmpty()) {
      o.putNull(key);
    } else {
      o.put(key, value);
    }
  }

  private static void putPositive(ObjectNode o, String key, long value) {
    if (value > 0) {
      o.put(key, value);
    } else {
      o.putNull(key);
    }
  }
}
