package io.kafleet.e2e.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium from Debian's packages ({@code scripts/browser.sh} installs them), driven
 * through Debian's own ChromeDriver: Selenium Manager is never asked for a driver, since these
 * machines cannot download one. Each browser has a new empty profile, shows pages in a viewport of
 * exactly the size asked for, and writes its screenshots and its driver's log to one directory.
 *
 * <p>{@link #close()} quits the browser, ends whatever is left of its processes (the driver, the
 * browser and every process the browser started) and removes the profile. Use it with
 * try-with-resources.
 */
public final class Browser implements AutoCloseable {

  /** Where scripts/browser.sh installs them (Debian's chromium and chromium-driver packages). */
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
  private static final Pattern SCREENSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The size of the page area, in CSS pixels (one device pixel each). */
  public record Viewport(int width, int height) {

    public static final Viewport DESKTOP = new Viewport(1280, 800);
    public static final Viewport PHONE = new Viewport(390, 844);

    public Viewport {
      if (width < 1 || height < 1) {
        throw new IllegalArgumentException(
            "a viewport needs a positive width and height, not " + width + "x" + height);
      }
    }
  }

  private final ChromeDriver driver;
  private final Optional<ProcessHandle> chromedriver;
  private final Path profile;
  private final Path output;

  private Browser(
      ChromeDriver driver, Optional<ProcessHandle> chromedriver, Path profile, Path output) {
    this.driver = driver;
    this.chromedriver = chromedriver;
    this.profile = profile;
    this.output = output;
  }

  /**
   * Starts a headless Chromium showing {@code about:blank} in the given viewport; its screenshots
   * and {@code chromedriver.log} go to {@code output}, which is created when missing.
   */
  public static Browser start(Viewport viewport, Path output) throws IOException {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            binary
                + " is missing: run scripts/browser.sh, which installs Debian's chromium and"
                + " chromium-driver packages (as ./mvnw verify does before the ITs)");
      }
    }
    Files.createDirectories(output);
    Path profile = Files.createTempDirectory("kafleet-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(output.resolve("chromedriver.log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The dev stack's services serve HTTPS with a CA made for that run, which this profile does
    // not know; the tests check what the pages show, not the certificate.
    options.setAcceptInsecureCerts(true);
    options.addArguments(
        "--headless",
        // Root on these machines, where Chromium's sandbox cannot start.
        "--no-sandbox",
        "--disable-gpu",
        // The machine's closed network refuses Chromium's own connections (updates, sync, field
        // trials, QUIC probes) many at a time; without these flags pages load slowly or not at all.
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // A small /dev/shm (containers) would crash the renderer; Debian's launcher means to add
        // this itself but its check fails when /dev/shm is mounted twice.
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + viewport.width() + "," + viewport.height());
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteRecursively(profile);
      throw e;
    }
    Browser browser = new Browser(driver, chromedriverProcess(service), profile, output);
    try {
      browser.resize(viewport);
    } catch (RuntimeException e) {
      browser.close();
      throw e;
    }
    return browser;
  }

  /** The driver: navigation, elements, keyboard, JavaScript. */
  public ChromeDriver driver() {
    return driver;
  }

  /**
   * Gives pages exactly this viewport. A window size alone would not: headless Chromium keeps part
   * of its window for a toolbar it does not draw (a 1280x800 window shows pages 1280x657) and makes
   * no window narrower than 500.
   */
  public void resize(Viewport viewport) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width",
            viewport.width(),
            "height",
            viewport.height(),
            "deviceScaleFactor",
            1,
            "mobile",
            false));
  }

  /** Writes a PNG of the viewport to {@code <output>/<name>.png} and returns its path. */
  public Path screenshot(String name) {
    if (!SCREENSHOT_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "screenshot name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
    Path file = output.resolve(name + ".png");
    try {
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the screenshot " + file, e);
    }
    return file;
  }

  /** The driver's process and every process under it now: the browser, its renderers... */
  public List<ProcessHandle> processes() {
    return chromedriver
        .map(process -> Stream.concat(Stream.of(process), process.descendants()).toList())
        .orElse(List.of());
  }

  /**
   * Quits the browser and waits for its processes to end, killing those still there after a few
   * seconds (a hung browser), then removes the profile.
   */
  @Override
  public void close() {
    List<ProcessHandle> processes = processes();
    RuntimeException quitFailure = null;
    try {
      driver.quit();
    } catch (RuntimeException e) {
      quitFailure = e;
    }
    List<String> killed = new ArrayList<>();
    for (ProcessHandle process : processes) {
      if (!awaitExit(process)) {
        killed.add(process.pid() + " " + process.info().command().orElse("?"));
        process.destroyForcibly();
        awaitExit(process);
      }
    }
    deleteRecursively(profile);
    if (!killed.isEmpty()) {
      IllegalStateException e =
          new IllegalStateException(
              "the browser's processes " + killed + " were still running after it quit: killed");
      if (quitFailure != null) {
        e.addSuppressed(quitFailure);
      }
      throw e;
    }
    if (quitFailure != null) {
      throw quitFailure;
    }
  }

  private static boolean awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** The ChromeDriver this JVM started for the service: the child listening on its port. */
  private static Optional<ProcessHandle> chromedriverProcess(ChromeDriverService service) {
    String port = "--port=" + service.getUrl().getPort();
    return ProcessHandle.current()
        .children()
        .filter(child -> child.info().command().orElse("").endsWith("/chromedriver"))
        .filter(child -> List.of(child.info().arguments().orElse(new String[0])).contains(port))
        .findFirst();
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the browser profile " + directory, e);
    }
  }
}
