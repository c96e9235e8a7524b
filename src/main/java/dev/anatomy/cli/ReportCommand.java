package dev.anatomy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.report.html.HtmlReport;
import dev.anatomy.result.Json;
import dev.anatomy.result.SchemaVersion;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anatomy report RUN --html FILE}: writes the HTML report of a run that was measured before.
 * RUN is the JSON file {@code measure --json} wrote; {@link #resolve(String)} is the one place that
 * turns RUN into a document, so stored run ids plug in there.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the HTML report of a measured run: one self-contained file that works offline.")
public final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      description = "The run: a JSON file written by anatomy measure --json.")
  String run;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      required = true,
      description = "Where to write the report (written to a temporary file, then renamed).")
  String html;

  /** For picocli. */
  public ReportCommand() {}

  @Override
  public Integer call() {
    OutputFile out = OutputFile.check("--html", html);
    JsonNode doc = resolve(run);
    out.write(new HtmlReport().render(doc));
    spec.commandLine().getOut().println("report written to " + out.path());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /**
   * Turns RUN into a document.
   *
   * @param run what the user typed: a path to a run's JSON file
   * @return the document
   * @throws UsageException naming what is wrong with RUN: missing, unreadable, not JSON, not an
   *     anatomy run, or of a schema version this build cannot read
   */
  static JsonNode resolve(String run) {
    Path p = Path.of(run);
    if (!Files.isRegularFile(p)) {
      throw new UsageException(
          "RUN " + run + ": no such file; give the JSON file that anatomy measure --json wrote");
    }
    JsonNode doc;
    try {
      doc = Json.parse(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException e) {
      String why =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new UsageException("RUN " + run + " is not a readable JSON document: " + why, e);
    }
    return checkSchema(run, doc);
  }

  /**
   * Checks that a document is an anatomy run this build can read.
   *
   * @param run the name to quote in a message
   * @param doc the parsed JSON
   * @return the document
   * @throws UsageException if it has no schema version, or one outside what this build reads
   */
  static JsonNode checkSchema(String run, JsonNode doc) {
    JsonNode v = doc == null ? null : doc.get("schemaVersion");
    if (v == null || !v.canConvertToInt()) {
      throw new UsageException("RUN " + run + " is not an anatomy run: it has no schemaVersion");
    }
    int version = v.asInt();
    if (version > SchemaVersion.CURRENT) {
      throw new UsageException(
          "RUN "
              + run
              + " has schema version "
              + version
              + ", newer than this anatomy reads (up to "
              + SchemaVersion.CURRENT
              + "); use a newer anatomy");
    }
    if (version < SchemaVersion.OLDEST_READABLE) {
      throw new UsageException(
          "RUN "
              + run
              + " has schema version "
              + version
              + ", older than this anatomy reads (from "
              + SchemaVersion.OLDEST_READABLE
              + ")");
    }
    return doc;
  }
}
