package dev.anatomy.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.util.Locale;

/** The {@code prediction} section {@code anatomy predict --json} writes. */
public final class PredictionJson {
  private PredictionJson() {}

  /**
   * Writes a prediction.
   *
   * @param p the prediction
   * @return {predictedSeconds, attainableFlopsPerSecond, attainableBytesPerSecond, bound{kind,
   *     tier}, computeSeconds, dataSeconds, serialSeconds, ecmSeconds, transfers[], ceilings[],
   *     assumptions[], kernel{...}}
   */
  public static ObjectNode write(Prediction p) {
    ObjectNode o = Json.object();
    o.put("predictedSeconds", p.predictedSeconds());
    o.put("attainableFlopsPerSecond", p.attainableFlopsPerSecond());
    o.put("attainableBytesPerSecond", p.attainableBytesPerSecond());
    ObjectNode bound = o.putObject("bound");
    bound.put("kind", p.bound().kind());
    bound.put("tier", p.bound().tier());
    o.put("computeSeconds", p.computeSeconds());
    o.put("dataSeconds", p.dataSeconds());
    o.put("serialSeconds", p.serialSeconds());
    o.put("ecmSeconds", p.ecmSeconds());
    ArrayNode transfers = o.putArray("transfers");
    for (Prediction.Transfer t : p.transfers()) {
      ObjectNode e = transfers.addObject();
      e.put("from", t.from());
      e.put("to", t.to());
      e.put("seconds", t.seconds());
    }
    ArrayNode ceilings = o.putArray("ceilings");
    for (Prediction.Ceiling c : p.ceilings()) {
      ObjectNode e = ceilings.addObject();
      e.put("name", c.name());
      e.put("kind", c.kind());
      e.put(c.kind().equals("compute") ? "flopsPerSecond" : "bytesPerSecond", c.value());
      e.put("secondsAtCeiling", c.secondsAtCeiling());
      e.put("headroom", c.headroom());
    }
    ArrayNode assumptions = o.putArray("assumptions");
    p.assumptions().forEach(assumptions::add);
    o.set("kernel", kernel(p.kernel()));
    return o;
  }

  /**
   * Writes a kernel description, in the form {@code --kernel FILE} reads.
   *
   * @param k the kernel
   * @return the description
   */
  public static ObjectNode kernel(KernelSpec k) {
    ObjectNode o = Json.object();
    o.put("name", k.name());
    o.put("flopsPerIteration", k.flopsPerIteration());
    o.put("bytesReadPerIteration", k.bytesReadPerIteration());
    o.put("bytesWrittenPerIteration", k.bytesWrittenPerIteration());
    o.put("iterations", k.iterations());
    o.put("workingSetBytes", k.workingSetBytes());
    o.put("access", k.access().toString());
    o.put("precision", k.precision().name().toLowerCase(Locale.ROOT));
    o.put("threads", k.threads());
    o.put("serialFraction", k.serialFraction());
    o.put("vectorised", k.vectorised());
    o.put("fma", k.fma());
    o.put("coreNsPerIteration", k.coreNsPerIteration());
    return o;
  }
}
