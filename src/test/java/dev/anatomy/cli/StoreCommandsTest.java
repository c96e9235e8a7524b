package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.StoreLocation;
import dev.anatomy.testing.Documents;
import dev.anatomy.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history, show, compare and export, as a user runs them, on a real SQLite store. */
class StoreCommandsTest {
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  static final String OLD = "a1a1a1a1-0000-4000-8000-000000000001";
  static final String NEW = "b2b2b2b2-0000-4000-8000-000000000002";

  @TempDir Path dir;
  private String store;

  @BeforeEach
  void twoRecordedRuns() {
    store = dir.resolve("history.db").toString();
    HistoryStore h = HistoryStore.openForWriting(StoreLocation.parse(store, Map.of(), "/"));
    h.save(Documents.allParts(OLD, T0, 1.0, 1));
    h.save(Documents.allParts(NEW, T0.plusSeconds(3600), 1.0, 2));
  }

  private Path file(String name, JsonNode doc) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, Json.write(doc), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void historyListsRunsNewestFirst() {
    Cli r = Cli.run("history", "--store", store);
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).contains("id", "started (UTC)", "host", "cpu", "L1 lat", "disk IOPS");
    assertThat(lines[1]).startsWith("b2b2b2b2").contains("2026-11-20 11:00:00Z", "testhost");
    assertThat(lines[2]).startsWith("a1a1a1a1");
  }

  @Test
  void historyJsonIsSealed() throws Exception {
    Cli r = Cli.run("history", "--json", "--store", store);
    assertThat(r.exit()).isZero();
    JsonNode array = Json.parse(r.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array.get(0).path("id").asText()).isEqualTo(NEW);
    Golden.assertMatches("history.json", r.out());
  }

  @Test
  void historyOfAnEmptyDefaultStoreSaysSo() {
    Path empty = dir.resolve("empty.db");
    HistoryStore.openForWriting(StoreLocation.parse(empty.toString(), Map.of(), "/"));
    assertThat(Cli.run("history", "--store", empty.toString()).out()).contains("no runs recorded");
    assertThat(Cli.run("history", "--json", "--store", empty.toString()).out().strip())
        .isEqualTo("[ ]");
  }

  @Test
  void readingCommandsRefuseAnEmptyFileRatherThanMakeItAStore() throws Exception {
    Path empty = Files.createFile(dir.resolve("notes.txt"));
    Cli r = Cli.run("history", "--store", empty.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLine()).contains("is an empty file, not an anatomy store");
    assertThat(Files.size(empty)).isZero();
  }

  @Test
  void showPrintsTheCardOfARunByIdPrefixOrFile() throws Exception {
    Cli byId = Cli.run("show", "b2b2", "--store", store);
    assertThat(byId.exit()).isZero();
    assertThat(byId.out()).contains("anatomy 0.1.0 - testhost", "Test CPU 9000", "MEMORY UNITS");
    Path f = file("run.json", Documents.allParts(OLD, T0, 1, 1));
    Cli byFile = Cli.run("show", f.toString());
    assertThat(byFile.exit()).isZero();
    assertThat(byFile.out()).contains("anatomy 0.1.0 - testhost");
  }

  @Test
  void anUnknownRunIsOneLineAndExit2() {
    Cli r = Cli.run("show", "cafe", "--store", store);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLine()).startsWith("anatomy: no run with id or id prefix 'cafe' in store ");
    assertThat(Cli.run("show", dir.resolve("missing.json").toString()).errLine())
        .endsWith("missing.json: no such file");
  }

  @Test
  void badFilesAreOneLineAndExit2() throws Exception {
    Path truncated = dir.resolve("cut.json");
    String text = Json.write(Documents.allParts(OLD, T0, 1, 1));
    Files.writeString(truncated, text.substring(0, 500), StandardCharsets.UTF_8);
    Path future = file("future.json", Documents.allParts(OLD, T0, 1, 1).put("schemaVersion", 9));
    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"name\": \"left-pad\"}", StandardCharsets.UTF_8);
    for (String[] args :
        new String[][] {
          {"show", truncated.toString()},
          {"compare", truncated.toString(), future.toString()},
          {"export", future.toString()},
          {"show", foreign.toString()}
        }) {
      Cli r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.errLine()).startsWith("anatomy: ");
      assertThat(r.out()).isEmpty();
    }
    assertThat(Cli.run("export", future.toString()).errLine())
        .contains("has schema version 9, newer than this anatomy reads");
  }

  @Test
  void compareOfTwoRunsOfOneMachineFindsNoRegression() {
    Cli r = Cli.run("compare", "a1a1", "b2b2", "--store", store, "--fail-if-slower", "5");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("memory.levels[L1].latencyNs", "B/A", "within noise")
        .contains("0 worse");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void compareExits3WhenAFigureIsSignificantlySlowerBeyondTheTolerance() throws Exception {
    Path before = file("before.json", Documents.allParts(OLD, T0, 1.0, 5));
    Path after = file("after.json", Documents.allParts(NEW, T0, 0.7, 6));
    Cli slower = Cli.run("compare", before.toString(), after.toString(), "--fail-if-slower", "10");
    assertThat(slower.exit()).isEqualTo(3);
    assertThat(slower.errLine())
        .startsWith("anatomy: ")
        .contains("significantly worse by more than 10%");
    assertThat(slower.out()).contains("WORSE");
    Cli tolerant =
        Cli.run("compare", before.toString(), after.toString(), "--fail-if-slower", "60");
    assertThat(tolerant.exit()).isZero();
    Cli noGate = Cli.run("compare", before.toString(), after.toString(), "--significant");
    assertThat(noGate.exit()).isZero();
    assertThat(noGate.out()).contains("WORSE").doesNotContain("same (within noise)");
  }

  @Test
  void compareRefusesANegativeTolerance() {
    Cli r = Cli.run("compare", "a1a1", "b2b2", "--store", store, "--fail-if-slower", "-3");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLine()).contains("--fail-if-slower must be a percentage");
    assertThat(Cli.run("compare", "a1a1", "b2b2", "--fail-if-slower", "lots").exit()).isEqualTo(2);
  }

  @Test
  void exportWritesOpenMetricsToStdoutOrAtomicallyToAFile() throws Exception {
    Cli r = Cli.run("export", "b2b2", "--format", "openmetrics", "--store", store);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("# TYPE anatomy_run info").endsWith("# EOF\n");
    Path out = dir.resolve("anatomy.prom");
    assertThat(Cli.run("export", "b2b2", "--store", store, "--output", out.toString()).exit())
        .isZero();
    assertThat(Files.readString(out)).isEqualTo(r.out());
    assertThat(Cli.run("export", "b2b2", "--store", store, "--format", "csv").errLine())
        .contains("--format must be openmetrics");
  }

  @Test
  void aStoreThatDoesNotExistIsNotCreatedByReading() {
    Path typo = dir.resolve("histroy.db");
    Cli r = Cli.run("history", "--store", typo.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLine()).contains("does not exist");
    assertThat(typo).doesNotExist();
  }

  @Test
  void measureRefusesAnUnusableStoreBeforeMeasuring() throws Exception {
    Cli readOnly = Cli.run("measure", "--only", "memory", "--store", "/proc/anatomy.db");
    assertThat(readOnly.exit()).isEqualTo(2);
    assertThat(readOnly.errLine()).startsWith("anatomy: store /proc/anatomy.db");
    assertThat(readOnly.out()).isEmpty();

    Cli down =
        Cli.run(
            "measure",
            "--only",
            "memory",
            "--store",
            "jdbc:postgresql://127.0.0.1:9/anatomy?user=u&password=hunter2");
    assertThat(down.exit()).isEqualTo(2);
    assertThat(down.errLine()).contains("cannot open").doesNotContain("hunter2");

    Cli bad = Cli.run("measure", "--store", "jdbc:oracle:thin:@h:1521:x");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.errLine()).contains("unsupported database");

    Cli both = Cli.run("measure", "--store", store, "--no-store");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.errLine()).contains("exclude each other");

    ObjectNode untouched =
        HistoryStore.openForReading(StoreLocation.parse(store, Map.of(), "/")).load(OLD);
    assertThat(untouched.path("run").path("id").asText()).isEqualTo(OLD);
  }
}
