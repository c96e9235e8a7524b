package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.run.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AmdahlCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * Runs the command with the error handling anatomy's Main installs: a usage error is one line on
   * stderr and exit 2.
   */
  private int run(String... args) {
    CommandLine cmd = new CommandLine(new AmdahlCommand());
    PrintWriter errWriter = new PrintWriter(err, true);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(errWriter);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          errWriter.println("anatomy: " + ex.getMessage());
          return ExitCodes.BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof UsageException u) {
            errWriter.println("anatomy: " + u.getMessage());
            return ExitCodes.BAD_INPUT;
          }
          throw ex;
        });
    return cmd.execute(args);
  }

  @Test
  void printsSpeedupOfFivePercentSerialOnEightCores() {
    assertThat(run("--serial-fraction", "0.05", "--cores", "8")).isZero();
    assertThat(out.toString())
        .contains("serial fraction  0.0500")
        .contains("speedup          5.926x")
        .contains("efficiency       74.1%")
        .contains("limit            20.000x")
        .contains("Gustafson        7.650x");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void solvesSerialFractionFromSpeedup() {
    assertThat(run("--speedup", "1.6", "--cores", "2")).isZero();
    assertThat(out.toString()).contains("serial fraction  0.2500").contains("solved from speedup");
  }

  @Test
  void zeroSerialFractionHasNoLimit() {
    assertThat(run("--serial-fraction", "0", "--cores", "4")).isZero();
    assertThat(out.toString())
        .contains("speedup          4.000x")
        .contains("limit            none");
  }

  @Test
  void oneCoreIsAllowedWithASerialFraction() {
    assertThat(run("--serial-fraction", "0.3", "--cores", "1")).isZero();
    assertThat(out.toString()).contains("speedup          1.000x");
  }

  private void assertOneLineError(String contains, String... args) {
    assertThat(run(args)).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
    String e = err.toString();
    assertThat(e.lines().count()).as("one line: %s", e).isEqualTo(1);
    assertThat(e).contains(contains);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void rejectsSerialFractionAboveOne() {
    assertOneLineError(
        "--serial-fraction must be between 0 and 1, was 1.5",
        "--serial-fraction",
        "1.5",
        "--cores",
        "4");
  }

  @Test
  void rejectsNegativeSerialFraction() {
    assertOneLineError("between 0 and 1", "--serial-fraction", "-0.1", "--cores", "4");
  }

  @Test
  void rejectsNaN() {
    assertOneLineError(
        "must be a number between 0 and 1, was 'NaN'", "--serial-fraction", "NaN", "--cores", "4");
  }

  @Test
  void rejectsNonNumbers() {
    assertOneLineError("was 'half'", "--serial-fraction", "half", "--cores", "4");
  }

  @Test
  void rejectsZeroCores() {
    assertOneLineError(
        "--cores must be at least 1, was 0", "--serial-fraction", "0.1", "--cores", "0");
  }

  @Test
  void rejectsFractionalOrTextCores() {
    assertOneLineError("whole number", "--serial-fraction", "0.1", "--cores", "2.5");
  }

  @Test
  void rejectsSpeedupAboveCores() {
    assertOneLineError(
        "--speedup must be between 1 and --cores (4), was 5", "--speedup", "5", "--cores", "4");
  }

  @Test
  void rejectsSpeedupBelowOne() {
    assertOneLineError("between 1 and --cores", "--speedup", "0.5", "--cores", "4");
  }

  @Test
  void rejectsSpeedupOnOneCore() {
    assertOneLineError("--cores 2 or more", "--speedup", "1", "--cores", "1");
  }

  @Test
  void rejectsBothOrNeitherOption() {
    assertOneLineError("exactly one", "--serial-fraction", "0.1", "--speedup", "2", "--cores", "4");
  }

  @Test
  void rejectsMissingCores() {
    assertOneLineError("needs --cores", "--serial-fraction", "0.1");
  }

  @Test
  void rejectsUnknownOption() {
    assertOneLineError("Unknown option", "--serial", "0.1", "--cores", "4");
  }

  @Test
  void printsHelp() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("--serial-fraction")
        .contains("--speedup")
        .contains("--cores");
  }
}
