package dev.anatomy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: the machine-readable formats (JSON document, {@code history --json}, OpenMetrics)
 * are compared byte for byte with files kept in {@code src/test/resources/golden/}. These tests
 * seal the formats: a change that alters them must change the golden file in the same commit, on
 * purpose. To rewrite the files after a deliberate change, run {@code mvn verify
 * -Danatomy.golden.update=true} and review the diff.
 */
public final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  /**
   * Asserts that a text equals its golden file (or rewrites the file when asked).
   *
   * @param name file name under src/test/resources/golden
   * @param actual the text produced now
   */
  public static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("anatomy.golden.update")) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file)
          .as(
              "golden file %s (rerun with -Danatomy.golden.update=true after a deliberate change)",
              file)
          .exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual)
          .as(
              "output sealed by %s; a deliberate change rewrites it with -Danatomy.golden.update=true",
              file)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
