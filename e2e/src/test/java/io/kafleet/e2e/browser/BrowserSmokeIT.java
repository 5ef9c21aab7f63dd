package io.kafleet.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kafleet.e2e.browser.Browser.Viewport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven by Selenium through {@link Browser}, on a small form served from
 * loopback: labels, keyboard focus order, typing, a click whose answer arrives asynchronously from
 * the server, screenshots at the desktop and phone sizes, and no browser process left behind.
 */
class BrowserSmokeIT {

  private static final Path SCREENSHOTS = Path.of("target", "browser");
  private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

  /** A form as the console's shift form will be: labelled fields, a button, a live status. */
  private static final String PAGE =
      """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>kafleet browser smoke</title>
        <style>
          body { font-family: sans-serif; margin: 1.5rem; }
          label { display: block; margin-top: 1rem; }
          input, button { font-size: 1rem; padding: .4rem; max-width: 100%; }
        </style>
      </head>
      <body>
        <main>
          <h1>Shift weights</h1>
          <form id="shift">
            <label for="cluster">Cluster</label>
            <input id="cluster" name="cluster" required>
            <label for="weight">Weight</label>
            <input id="weight" name="weight" type="number" min="0" max="100">
            <p><button id="apply" type="submit">Apply</button></p>
          </form>
          <p id="status" role="status" aria-live="polite">No shift yet</p>
        </main>
        <script type="module">
          const form = document.getElementById('shift');
          const status = document.getElementById('status');
          form.addEventListener('submit', async (event) => {
            event.preventDefault();
            status.textContent = 'Shifting...';
            const response = await fetch('/shift', {
              method: 'POST',
              headers: {'Content-Type': 'application/json'},
              body: JSON.stringify({cluster: form.cluster.value, weight: Number(form.weight.value)}),
            });
            status.textContent = await response.text();
          });
        </script>
      </body>
      </html>
      """;

  private static final BlockingQueue<String> SHIFTS = new LinkedBlockingQueue<>();
  private static HttpServer server;
  private static String url;

  @BeforeAll
  static void serveThePage() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> respond(exchange, 200, "text/html", PAGE));
    server.createContext(
        "/shift",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          SHIFTS.add(body);
          String cluster = body.replaceAll(".*\"cluster\":\"([^\"]*)\".*", "$1");
          String weight = body.replaceAll(".*\"weight\":(\\d+).*", "$1");
          respond(exchange, 200, "text/plain", cluster + " takes " + weight + "%");
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stopServing() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aFormIsFilledByKeyboardAndItsAnswerAppearsWithoutAReload() throws IOException {
    List<ProcessHandle> processes;
    try (Browser browser = Browser.start(Viewport.DESKTOP, SCREENSHOTS)) {
      WebDriver driver = browser.driver();
      driver.get(url);
      assertThat(driver.getTitle()).isEqualTo("kafleet browser smoke");
      assertThat(viewportOf(browser)).isEqualTo(Viewport.DESKTOP);

      // Every field is named by its label.
      for (WebElement input : driver.findElements(By.cssSelector("input"))) {
        String id = input.getDomAttribute("id");
        assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']")))
            .as("the label of #%s", id)
            .hasSize(1);
      }

      // Tab walks the controls in reading order; the keys go where the focus is.
      Actions keyboard = new Actions(driver);
      keyboard.sendKeys(Keys.TAB).perform();
      assertThat(focused(driver)).isEqualTo("cluster");
      keyboard.sendKeys("member2").sendKeys(Keys.TAB).perform();
      assertThat(focused(driver)).isEqualTo("weight");
      keyboard.sendKeys("80").sendKeys(Keys.TAB).perform();
      assertThat(focused(driver)).isEqualTo("apply");
      assertThat(driver.findElement(By.id("cluster")).getDomProperty("value")).isEqualTo("member2");

      String pageId = (String) browser.driver().executeScript("return window.pageId = 'first';");
      driver.findElement(By.id("apply")).click();
      new WebDriverWait(driver, PAGE_WAIT)
          .until(ExpectedConditions.textToBe(By.id("status"), "member2 takes 80%"));
      assertThat(SHIFTS).containsExactly("{\"cluster\":\"member2\",\"weight\":80}");
      // The same document, updated in place: the form was not submitted the old way.
      assertThat(browser.driver().executeScript("return window.pageId;")).isEqualTo(pageId);

      assertThat(imageSize(browser.screenshot("smoke-desktop"))).isEqualTo(Viewport.DESKTOP);

      browser.resize(Viewport.PHONE);
      assertThat(viewportOf(browser)).isEqualTo(Viewport.PHONE);
      assertThat(driver.findElement(By.id("apply")).isDisplayed()).isTrue();
      assertThat(imageSize(browser.screenshot("smoke-phone"))).isEqualTo(Viewport.PHONE);

      processes = browser.processes();
      assertThat(processes)
          .as("the driver and the browser under it")
          .anyMatch(process -> command(process).endsWith("/chromedriver"))
          .anyMatch(process -> command(process).endsWith("/chromium"));
    }
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aBrowserStartsAtThePhoneSize() throws IOException {
    List<ProcessHandle> processes;
    try (Browser browser = Browser.start(Viewport.PHONE, SCREENSHOTS)) {
      browser.driver().get(url);
      assertThat(viewportOf(browser)).isEqualTo(Viewport.PHONE);
      processes = browser.processes();
    }
    assertThat(processes).isNotEmpty().noneMatch(ProcessHandle::isAlive);
  }

  private static Viewport viewportOf(Browser browser) {
    List<?> size =
        (List<?>) browser.driver().executeScript("return [window.innerWidth, window.innerHeight];");
    return new Viewport(((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue());
  }

  private static Viewport imageSize(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG image in %s", png).isNotNull();
    return new Viewport(image.getWidth(), image.getHeight());
  }

  private static String focused(WebDriver driver) {
    return driver.switchTo().activeElement().getDomAttribute("id");
  }

  private static String command(ProcessHandle process) {
    return process.info().command().orElse("");
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
