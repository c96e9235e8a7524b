package dev.anatomy.cli;

import dev.anatomy.compute.AmdahlCalculator;
import dev.anatomy.run.UsageException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code anatomy amdahl}: Amdahl's law from a serial fraction, or the serial fraction from a
 * measured speedup, with Gustafson's scaled speedup. Output goes to the command line's writer
 * ({@code CommandLine.setOut}), so tests capture it.
 *
 * <pre>
 * anatomy amdahl --serial-fraction 0.05 --cores 8
 * anatomy amdahl --speedup 5.9 --cores 8
 * </pre>
 */
@Command(
    name = "amdahl",
    mixinStandardHelpOptions = true,
    description = {
      "Amdahl's law: the speedup of a job whose serial fraction P runs on one core, or the serial"
          + " fraction a measured speedup implies; with Gustafson's scaled speedup beside it.",
      "Give --cores and exactly one of --serial-fraction and --speedup."
    })
public final class AmdahlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--serial-fraction",
      paramLabel = "P",
      description = "Fraction of the single-thread time that cannot run in parallel, 0 to 1.")
  String serialFraction;

  @Option(
      names = "--speedup",
      paramLabel = "S",
      description = "A measured speedup over one core, 1 to N: solve for the serial fraction.")
  String speedup;

  @Option(
      names = "--cores",
      paramLabel = "N",
      description = "Number of cores (threads), a whole number of at least 1.")
  String cores;

  /** Creates the command; picocli injects the options. */
  public AmdahlCommand() {}

  @Override
  public Integer call() {
    if (cores == null) {
      throw new UsageException("amdahl needs --cores N, a whole number of at least 1");
    }
    if ((serialFraction == null) == (speedup == null)) {
      throw new UsageException(
          "amdahl needs exactly one of --serial-fraction P and --speedup S, with --cores N");
    }
    int n = parseCores(cores);
    PrintWriter out = spec.commandLine().getOut();
    if (serialFraction != null) {
      double p = parseNumber("--serial-fraction", serialFraction, "between 0 and 1");
      if (p < 0 || p > 1) {
        throw new UsageException(
            "--serial-fraction must be between 0 and 1, was " + serialFraction);
      }
      print(out, AmdahlCalculator.fromSerialFraction(p, n), false);
    } else {
      double s = parseNumber("--speedup", speedup, "between 1 and --cores");
      if (s < 1 || s > n) {
        throw new UsageException(
            "--speedup must be between 1 and --cores (" + n + "), was " + speedup);
      }
      if (n == 1) {
        throw new UsageException(
            "--speedup on --cores 1 is always 1 whatever the serial fraction; give --cores 2 or"
                + " more to solve for it");
      }
      print(out, AmdahlCalculator.fromSpeedup(s, n), true);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Parses a plain decimal number; NaN, infinities and anything else are refused.
   *
   * @param option the option's name, for the message
   * @param text what the user typed
   * @param allowed what is allowed, for the message
   * @return the number
   */
  static double parseNumber(String option, String text, String allowed) {
    try {
      return new BigDecimal(text.trim()).doubleValue();
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a number " + allowed + ", was '" + text + "'", e);
    }
  }

  static int parseCores(String text) {
    BigInteger n;
    try {
      n = new BigInteger(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--cores must be a whole number of at least 1, was '" + text + "'", e);
    }
    if (n.signum() <= 0) {
      throw new UsageException("--cores must be at least 1, was " + text);
    }
    if (n.bitLength() > 30) {
      throw new UsageException("--cores must be at most " + (1 << 30) + ", was " + text);
    }
    return n.intValueExact();
  }

  private static void print(PrintWriter out, AmdahlCalculator.Result r, boolean solved) {
    String p = String.format(Locale.ROOT, "%.4f", r.serialFraction());
    if (solved) {
      out.printf(
          Locale.ROOT,
          "serial fraction  %s   (solved from speedup %s on %d cores)%n",
          p,
          number(r.speedup()),
          r.cores());
    } else {
      out.printf(Locale.ROOT, "serial fraction  %s%n", p);
    }
    out.printf(Locale.ROOT, "cores            %d%n", r.cores());
    out.printf(
        Locale.ROOT, "speedup          %sx   Amdahl: 1 / (p + (1 - p) / N)%n", number(r.speedup()));
    out.printf(Locale.ROOT, "efficiency       %.1f%%   speedup / N%n", 100 * r.efficiency());
    out.printf(
        Locale.ROOT,
        "limit            %s   1 / p: no number of cores does better%n",
        Double.isInfinite(r.limit()) ? "none" : number(r.limit()) + "x");
    out.printf(
        Locale.ROOT,
        "Gustafson        %sx   N - p (N - 1): the job grows with the cores, p its serial share"
            + " on N cores%n",
        number(r.gustafsonSpeedup()));
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
