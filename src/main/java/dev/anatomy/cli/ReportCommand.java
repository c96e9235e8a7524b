package dev.anatomy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.report.html.HtmlReport;
import dev.anatomy.store.HistoryStore;
import dev.anatomy.store.RunSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code anatomy report RUN --html FILE}: writes the HTML report of a run measured before, a
 * recorded run (id or the start of one) or a JSON file that {@code measure --json} wrote. The
 * output path is checked before the run is read; the page is written to a temporary file, then
 * renamed.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write the HTML report of a measured run: one self-contained file that works offline.")
public final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOption store;

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      description = "A run id, the start of one (see anatomy history), or a JSON file.")
  String run;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      required = true,
      description = "Where to write the report.")
  String html;

  /** For picocli. */
  public ReportCommand() {}

  @Override
  public Integer call() {
    OutputFile out = OutputFile.check("--html", html);
    out.requireNotInput(run, "document (RUN)");
    out.write(new HtmlReport().render(resolve(run)));
    spec.commandLine().getOut().println("report written to " + out.path());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /**
   * Turns RUN into a document, as {@code show} and {@code compare} do.
   *
   * @param argument what the user typed
   * @return the document, of the current schema version
   * @throws dev.anatomy.run.UsageException naming what is wrong with RUN
   */
  private JsonNode resolve(String argument) {
    return RunSource.load(argument, () -> HistoryStore.openForReading(store.location())).document();
  }
}
