package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.result.Json;
import dev.anatomy.store.DocumentReader;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.RunSummary;
import dev.anatomy.store.StoreLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real measurement, kept small (--quick, working sets up to 256 KiB): the run is recorded in
 * the store, listed by history, shown by its id, and the stored document is the JSON file's. What
 * the memory part found does not matter here (a part that fails is recorded as unavailable, and the
 * run is recorded all the same).
 */
class MeasureRecordsRunTest {
  @TempDir Path dir;

  @Test
  void aMeasuredRunIsRecordedListedAndShown() throws Exception {
    String store = dir.resolve("h.db").toString();
    Path json = dir.resolve("run.json");
    Cli measured =
        Cli.run(
            "measure",
            "--only",
            "memory",
            "--quick",
            "--max-size",
            "256KiB",
            "--store",
            store,
            "--json",
            json.toString());
    assertThat(measured.exit()).as(measured.err()).isZero();
    assertThat(measured.out()).containsAnyOf("MEMORY UNITS", "NOT MEASURED");

    JsonNode written = DocumentReader.readFile(json);
    String id = written.path("run").path("id").asText();
    HistoryStore h = HistoryStore.openForReading(StoreLocation.parse(store, Map.of(), "/"));
    List<RunSummary> runs = h.list();
    assertThat(runs).extracting(RunSummary::id).containsExactly(id);
    assertThat(h.load(id)).isEqualTo(written);
    assertThat(runs.get(0).host()).isEqualTo(written.path("run").path("host").asText());

    Cli history = Cli.run("history", "--json", "--store", store);
    assertThat(Json.parse(history.out()).get(0).path("id").asText()).isEqualTo(id);
    Cli shown = Cli.run("show", id.substring(0, 8), "--store", store);
    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).isEqualTo(measured.out());
    assertThat(written.path("run").path("command").asText()).startsWith("measure --only memory");
  }

  @Test
  void noStoreRecordsNothing() {
    // --no-store with a store that does not exist: nothing is opened, nothing created
    Path never = dir.resolve("never.db");
    Cli r = Cli.run("measure", "--only", "nothing", "--no-store");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(never).doesNotExist();
  }
}
