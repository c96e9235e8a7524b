package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTextTest {
  /**
   * picocli formats every description as a format string and, when one is malformed (a bare percent
   * sign), prints a warning to the process's stderr rather than the command's: the user would see
   * it above the help.
   */
  @Test
  void everyCommandsHelpRendersWithoutAWarning() {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    try (PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(err);
      CommandLine root = Main.commandLine(new PrintWriter(out, true), new PrintWriter(out, true));
      assertThat(root.execute("--help")).isZero();
      for (String sub : root.getSubcommands().keySet()) {
        assertThat(root.execute(sub, "--help")).as(sub).isZero();
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString())
        .contains("false discovery rate 5% over all figures")
        .doesNotContain("%n");
  }
}
