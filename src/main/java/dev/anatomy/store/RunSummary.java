package dev.anatomy.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One line of {@code anatomy history}: a stored run and its headline figures.
 *
 * @param id the run's id
 * @param startedAt when it started
 * @param host the host it ran on
 * @param cpu the CPU's model name
 * @param logicalCpus logical CPUs, 0 if not recorded
 * @param effort quick, standard or deep
 * @param partial true if it was interrupted
 * @param headlines the headline figures it measured
 */
public record RunSummary(
    String id,
    Instant startedAt,
    String host,
    String cpu,
    int logicalCpus,
    String effort,
    boolean partial,
    Map<Headline, Double> headlines) {
  /**
   * Copies the map.
   *
   * @param id id
   * @param startedAt start
   * @param host host
   * @param cpu cpu
   * @param logicalCpus cpus
   * @param effort effort
   * @param partial partial
   * @param headlines headlines
   */
  public RunSummary {
    EnumMap<Headline, Double> copy = new EnumMap<>(Headline.class);
    copy.putAll(headlines);
    headlines = Collections.unmodifiableMap(copy);
  }

  /**
   * The summary as JSON, the shape of one element of {@code history --json}.
   *
   * @return {id, startedAt, host, cpu, logicalCpus, effort, partial, headlines{...}}
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("startedAt", startedAt.truncatedTo(ChronoUnit.MILLIS).toString());
    o.put("host", host);
    o.put("cpu", cpu);
    o.put("logicalCpus", logicalCpus);
    o.put("effort", effort);
    o.put("partial", partial);
    ObjectNode h = o.putObject("headlines");
    headlines.forEach((k, v) -> h.put(k.key(), v));
    return o;
  }
}
