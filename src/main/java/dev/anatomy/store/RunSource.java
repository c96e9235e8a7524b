package dev.anatomy.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.run.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Finds the run a user named on the command line ({@code show RUN}, {@code compare A B}, {@code
 * export RUN}): a JSON file if a file of that name exists (or the name looks like one), else a run
 * id, or the start of one, in the history store.
 */
public final class RunSource {
  private RunSource() {}

  /**
   * A run read for a command.
   *
   * @param document the document, of the current schema version
   * @param origin where it came from, for headings: the file, or "run ID"
   */
  public record Loaded(ObjectNode document, String origin) {}

  /**
   * Reads the run a RUN argument names.
   *
   * @param argument a JSON file, a run id, or a unique prefix of one
   * @param store opens the store, called only if the argument is not a file
   * @return the run
   * @throws UsageException if there is no such file or run, or it is not a readable document
   */
  public static Loaded load(String argument, Supplier<HistoryStore> store) {
    if (argument == null || argument.isBlank()) {
      throw new UsageException("RUN must be a run id, an id prefix or a JSON file");
    }
    Path file = Path.of(argument);
    if (Files.exists(file) || looksLikeFile(argument)) {
      return new Loaded(DocumentReader.readFile(file), argument);
    }
    ObjectNode doc = store.get().load(argument);
    return new Loaded(doc, "run " + doc.path("run").path("id").asText());
  }

  private static boolean looksLikeFile(String argument) {
    return argument.contains("/") || argument.toLowerCase(Locale.ROOT).endsWith(".json");
  }
}
