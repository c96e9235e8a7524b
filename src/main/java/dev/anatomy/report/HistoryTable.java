package dev.anatomy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.anatomy.result.Json;
import dev.anatomy.store.Headline;
import dev.anatomy.store.RunSummary;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code anatomy history}: the stored runs, newest first, as a table for people or as a JSON array
 * for programs (the array's shape is sealed by a golden-file test).
 */
public final class HistoryTable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** Characters of the run id shown; enough to be unique in any store a person reads. */
  public static final int SHORT_ID = 8;

  private HistoryTable() {}

  /**
   * The table: id, time, host, CPU, effort, and each headline some run has.
   *
   * @param runs the runs, newest first
   * @return the text, or a line saying the store is empty
   */
  public static String render(List<RunSummary> runs) {
    if (runs.isEmpty()) {
      return "no runs recorded yet; anatomy measure records one\n";
    }
    List<Headline> shown = new ArrayList<>();
    for (Headline h : Headline.values()) {
      if (runs.stream().anyMatch(r -> r.headlines().containsKey(h))) {
        shown.add(h);
      }
    }
    List<String> header = new ArrayList<>(List.of("id", "started (UTC)", "host", "cpu", "effort"));
    shown.forEach(h -> header.add(h.label()));
    Table t = new Table(header.toArray(String[]::new));
    for (RunSummary r : runs) {
      List<String> row = new ArrayList<>();
      row.add(r.id().substring(0, Math.min(SHORT_ID, r.id().length())));
      row.add(TIME.format(r.startedAt()));
      row.add(r.host());
      row.add(r.cpu() + (r.logicalCpus() > 0 ? " x" + r.logicalCpus() : ""));
      row.add(r.effort() + (r.partial() ? " PARTIAL" : ""));
      for (Headline h : shown) {
        Double v = r.headlines().get(h);
        row.add(v == null ? Format.NONE : Quantity.of(v, h.unit()));
      }
      t.add(row.toArray(String[]::new));
    }
    return t.render("");
  }

  /**
   * The runs as a JSON array.
   *
   * @param runs the runs, newest first
   * @return pretty-printed JSON, ending in a newline
   */
  public static String json(List<RunSummary> runs) {
    ArrayNode a = Json.array();
    runs.forEach(r -> a.add(r.toJson()));
    return Json.write(a) + "\n";
  }
}
