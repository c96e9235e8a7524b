package dev.anatomy.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run as a separate process on a file: dumps the DOM after the page's
 * scripts ran, or takes a screenshot. Each run has a fresh profile and no network features.
 */
final class Chromium {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;
  private final Path work;

  private Chromium(Path executable, Path work) {
    this.executable = executable;
    this.work = work;
  }

  /**
   * The browser, if this machine has one.
   *
   * @param work a folder for profiles and output
   * @return the browser, or empty
   */
  static Optional<Chromium> find(Path work) {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("ANATOMY_CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"));
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return Optional.of(new Chromium(p, work));
      }
    }
    return Optional.empty();
  }

  /** What a run printed. */
  record Output(String stdout, String stderr) {}

  /**
   * Loads a page and returns the DOM after its scripts ran, with the browser's log.
   *
   * @param page the HTML file
   * @return the serialised DOM (stdout) and the log (stderr)
   * @throws IOException if the browser cannot run
   * @throws InterruptedException if interrupted
   */
  Output dumpDom(Path page) throws IOException, InterruptedException {
    return run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()));
  }

  /**
   * Takes a screenshot of a page.
   *
   * @param page the HTML file
   * @param png where to write the PNG
   * @param height the window's height in pixels (its width is 1400)
   * @throws IOException if the browser cannot run or wrote no picture
   * @throws InterruptedException if interrupted
   */
  void screenshot(Path page, Path png, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    run(
        List.of(
            "--hide-scrollbars",
            "--screenshot=" + png,
            "--window-size=1400," + height,
            page.toUri().toString()));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IOException("chromium wrote no screenshot to " + png);
    }
  }

  private Output run(List<String> extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile-");
    Path out = Files.createTempFile(work, "chromium-", ".out");
    Path err = Files.createTempFile(work, "chromium-", ".err");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    cmd.addAll(extra);
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
    }
    return new Output(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
