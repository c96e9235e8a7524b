package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.result.Json;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path memoryRun() throws IOException {
    Path run = dir.resolve("run.json");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/report/memory-run.json")) {
      Files.copy(in, run);
    }
    return run;
  }

  @Test
  void writesTheReportOfARunFile() throws IOException {
    Path html = dir.resolve("report.html");

    int code = run("report", memoryRun().toString(), "--html", html.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(html, StandardCharsets.UTF_8))
        .startsWith("<!DOCTYPE html>")
        .contains("id=\"chart-latency\"");
    assertThat(out.toString()).contains("report written to " + html);
    try (var files = Files.list(dir)) {
      assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }
  }

  @Test
  void rejectsARunFileThatDoesNotExist() {
    int code =
        run(
            "report",
            dir.resolve("nope.json").toString(),
            "--html",
            dir.resolve("r.html").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("nope.json: no such file");
  }

  @Test
  void readsARecordedRunFromTheStore() throws IOException {
    Path db = dir.resolve("history.db");
    JsonNode doc = Json.parse(Files.readString(memoryRun(), StandardCharsets.UTF_8));
    HistoryStore.openForWriting(StoreLocation.parse(db.toString(), Map.of(), "/nonexistent"))
        .save(doc);
    String id = doc.path("run").path("id").asText();
    Path html = dir.resolve("stored.html");

    int code =
        run("report", id.substring(0, 8), "--store", db.toString(), "--html", html.toString());

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains(id);
    assertThat(dir.resolve("r.html")).doesNotExist();
  }

  @Test
  void rejectsARunFileThatIsNotJson() throws IOException {
    Path run = Files.writeString(dir.resolve("run.json"), "{\"schemaVersion\": 1, trunc");

    int code = run("report", run.toString(), "--html", dir.resolve("r.html").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("is not valid JSON");
  }

  @Test
  void rejectsJsonThatIsNotAnAnatomyRun() throws IOException {
    Path run = Files.writeString(dir.resolve("run.json"), "{\"hello\": \"world\"}");

    int code = run("report", run.toString(), "--html", dir.resolve("r.html").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("is not an anatomy document");
  }

  @Test
  void rejectsARunFromANewerSchema() throws IOException {
    Path run = Files.writeString(dir.resolve("run.json"), "{\"schemaVersion\": 99}");

    int code = run("report", run.toString(), "--html", dir.resolve("r.html").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("schema version 99");
  }

  @Test
  void rejectsAnHtmlPathInAFolderThatDoesNotExist() throws IOException {
    int code =
        run("report", memoryRun().toString(), "--html", dir.resolve("no/such/r.html").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--html").contains("does not exist");
  }

  @Test
  void needsTheHtmlOption() throws IOException {
    int code = run("report", memoryRun().toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("--html");
  }

  @Test
  void measureRejectsABadHtmlPathBeforeMeasuring() {
    int code =
        run("measure", "--only", "memory", "--html", dir.resolve("no/such/r.html").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("--html").contains("does not exist");
  }
}
