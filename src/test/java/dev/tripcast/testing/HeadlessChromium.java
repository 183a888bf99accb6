package dev.tripcast.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's headless Chromium driven by Selenium through the system's ChromeDriver (Debian
 * packages {@code chromium} and {@code chromium-driver}). Both executables are given explicitly,
 * so Selenium Manager never runs and nothing is downloaded; the browser runs with a fresh profile
 * and its background networking off. Close it after use (the profile folder is deleted).
 */
public final class HeadlessChromium implements AutoCloseable {
  /** Where Debian installs the browser and its driver. */
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final Path profile;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /**
   * Starts the browser with a window of {@code widthPx × heightPx} CSS pixels. When Chromium or
   * ChromeDriver is not installed the calling test fails under CI ({@code CI=true}, where
   * {@code .ci/run} installs them) and is skipped elsewhere.
   */
  public static HeadlessChromium start(int widthPx, int heightPx) {
    requireInstalled();
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    try {
      Path profile = Files.createTempDirectory("tripcast-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BROWSER.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=" + profile,
          "--window-size=" + widthPx + "," + heightPx);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
      return new HeadlessChromium(profile, new ChromeDriver(service, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireInstalled() {
    boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    String message = "headless browser test needs " + BROWSER + " and " + DRIVER
        + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)";
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    Assumptions.assumeTrue(installed, message);
  }

  /** Opens a local file and waits until the document has loaded (images included). */
  public void open(Path file) {
    driver.get(file.toUri().toString());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"complete".equals(script("return document.readyState"))) {
      if (System.nanoTime() > deadline) {
        Assertions.fail("page did not finish loading in 30 s: " + file);
      }
      sleep(50);
    }
  }

  /** Runs JavaScript in the page and returns its result (numbers as Long or Double, arrays as List, objects as Map). */
  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  /** The browser console's entries since the last call (level SEVERE for errors). */
  public List<LogEntry> consoleEntries() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Resizes the window to {@code widthPx} and the page's full height, and saves a PNG of all of it. */
  public void saveFullPageScreenshot(int widthPx, Path png) {
    driver.manage().window().setSize(new Dimension(widthPx, 800));
    long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
    driver.manage().window().setSize(new Dimension(widthPx, (int) Math.min(height, 16_000)));
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the window size in CSS pixels. */
  public void resize(int widthPx, int heightPx) {
    driver.manage().window().setSize(new Dimension(widthPx, heightPx));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> paths = Files.walk(profile)) {
        paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // best effort: a temp folder
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
