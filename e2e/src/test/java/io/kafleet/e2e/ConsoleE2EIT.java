package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafleet.devstack.DevTokens;
import io.kafleet.e2e.browser.Browser;
import io.kafleet.e2e.browser.Browser.Viewport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console in Debian's Chromium, against the suite's dev stack (real kube-apiservers) with the
 * bookinfo and podinfo seeds applied: what each role sees and may do, the matrix, a shift made from
 * the Traffic page followed live, a promote from the Rollouts page, and each page at the desktop
 * and phone sizes with labelled, keyboard-reachable controls. Screenshots go to target/console/.
 */
@ExtendWith(SuiteExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleE2EIT {

  private static final Path SCREENSHOTS = Path.of("target", "console");
  private static final List<String> PAGES =
      List.of("fleet", "clusters", "traffic", "rollouts", "events");
  private static final String PRODUCTPAGE = "apps/Deployment/default/productpage-v1";

  private static Suite suite;
  private static DevTokens tokens;
  private static Browser browser;
  private static ChromeDriver driver;

  @BeforeAll
  static void start(Suite shared) throws Exception {
    suite = shared;
    tokens = suite.stack().tokens();
    new BookinfoSeed(suite).apply();
    suite.applyPodinfo();
    browser = Browser.start(Viewport.DESKTOP, SCREENSHOTS);
    driver = browser.driver();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void aRefusedTokenIsSaidSoAndTheAdminsTokenShowsTheMatrixOfTheSeed() {
    driver.get(suite.stack().placementUrl() + "/");
    driver.findElement(By.id("token")).sendKeys("not-a-token", Keys.ENTER);
    awaitText("#sign-in-error", "refused");
    browser.screenshot("sign-in");

    signIn(tokens.admin());

    awaitShowing(
        () ->
            "Applied".equals(cell(PRODUCTPAGE, "member1"))
                && "absent".equals(cell(PRODUCTPAGE, "member2")),
        "productpage-v1 Applied in member1 and absent from member2 in the matrix");
    assertThat(text("#who")).isEqualTo("dev-admin (admin)");
    browser.screenshot("fleet");

    type("filter-search", "reviews");
    assertThat(rows())
        .contains("apps/Deployment/default/reviews-v3")
        .allMatch(key -> key.substring(key.lastIndexOf('/')).contains("reviews"));
    clear("filter-search");
    type("filter-label", "app=productpage");
    assertThat(rows())
        .contains(PRODUCTPAGE)
        .allMatch(key -> key.endsWith("/productpage") || key.endsWith("/productpage-v1"));
    clear("filter-label");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-kind")))
        .selectByValue("Service");
    assertThat(rows()).isNotEmpty().allMatch(key -> key.startsWith("core/Service/"));
  }

  @Test
  @Order(2)
  void aTemplatesPageShowsItsYamlWhyItIsWhereItIsAndItsLiveObject() {
    signIn(tokens.admin());
    open("#/objects/" + PRODUCTPAGE.replace("/", "%2F"));
    awaitText("#object-yaml", "name: productpage-v1");
    awaitText("#per-cluster tr[data-cluster=member1]", "yes");
    driver
        .findElement(By.cssSelector("button[aria-label='Read the live object from member1']"))
        .click();
    awaitText("#live-member1", "productpage-v1");
    assertThat(text("#live-member1")).contains("kind: Deployment");
    browser.screenshot("object");
  }

  @Test
  @Order(3)
  void anOperatorShiftsPodinfoFromTheTrafficPageAndWatchesBothClustersConverge() {
    signIn(tokens.operator());
    open("#/traffic");
    awaitShowing(
        () ->
            observed("default/podinfo")
                .equals(Map.of("member1", "blue=100", "member2", "blue=100")),
        "podinfo observed all blue in both members before the shift");
    driver.executeScript("window.kafleetNotReloaded = true");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("shift-vs")))
        .selectByValue("default/podinfo");

    setWeight("green", "70");
    setWeight("blue", "20");
    driver.findElement(By.cssSelector("#shift-form button[type=submit]")).click();
    awaitText("#shift-weights-error", "100");
    assertThat(observed("default/podinfo").values())
        .as("a refused shift changes nothing")
        .containsOnly("blue=100");

    setWeight("green", "80");
    driver.findElement(By.id("shift-reason")).sendKeys("console test", Keys.ENTER);
    awaitText("#shift-result", "sent to member1, member2");
    awaitShowing(
        () ->
            observed("default/podinfo")
                    .equals(Map.of("member1", "blue=20,green=80", "member2", "blue=20,green=80"))
                || observed("default/podinfo")
                    .equals(Map.of("member1", "green=80,blue=20", "member2", "green=80,blue=20")),
        "both members' observed bars at green 80 / blue 20");
    assertThat(driver.executeScript("return window.kafleetNotReloaded"))
        .as("no reload")
        .isEqualTo(true);
    assertThat(text("#shift-weights-error")).isEmpty();
    driver.executeScript(
        "document.querySelector(\"article[data-vs='default/podinfo']\").scrollIntoView()");
    browser.screenshot("traffic");
  }

  @Test
  @Order(4)
  void anOperatorPromotesARolloutFromItsPage() {
    String started =
        suite.kafleet(
            "rollout",
            "start",
            "podinfo",
            "--stable",
            "blue",
            "--canary",
            "green",
            "--steps",
            "50:promote,100");
    Matcher id = Pattern.compile("rollout ([A-Za-z0-9-]+)").matcher(started);
    assertThat(id.find()).as("rollout id in: %s", started).isTrue();
    String rollout = id.group(1);
    signIn(tokens.operator());
    open("#/rollouts");
    String card = "article[data-rollout='" + rollout + "']";
    awaitText(card + " li[data-state=current]", "all waves passed");
    browser.screenshot("rollouts");

    driver.findElement(By.cssSelector(card + " button[data-action=promote]")).click();

    awaitShowing(
        () -> "COMPLETED".equals(attribute(card, "data-status")),
        "rollout " + rollout + " completed after the promote");
    assertThat(driver.findElements(By.cssSelector(card + " button[data-action]")))
        .as("a finished rollout offers no command")
        .isEmpty();
  }

  @Test
  @Order(5)
  void theViewerFindsNoMutatingControlAndTheSameRequestsByHandAreRefused() {
    signIn(tokens.viewer());
    for (String page : PAGES) {
      open("#/" + page);
      awaitLoaded();
      List<String> buttons = texts("main button");
      assertThat(buttons).as("buttons a viewer sees on %s", page).allMatch("Read"::equals);
      assertThat(driver.findElements(By.cssSelector("main form#shift-form, main [data-action]")))
          .isEmpty();
    }

    ApiCalls api = ApiCalls.trusting(suite.stack().sslContext());
    String placement = suite.stack().placementUrl();
    String shift =
        "{\"virtualService\":{\"namespace\":\"default\",\"name\":\"podinfo\"},"
            + "\"weights\":{\"green\":0,\"blue\":100}}";
    for (var refused :
        List.of(
            api.post(
                placement + "/traffic/api/v1/shifts", tokens.viewer(), "application/json", shift),
            api.post(
                placement + "/traffic/api/v1/rollouts/any/promote",
                tokens.viewer(),
                "application/json",
                ""),
            api.post(
                placement + "/api/v1/clusters/member1/leave",
                tokens.viewer(),
                "application/json",
                ""))) {
      assertThat(refused.statusCode())
          .as("%s: %s", refused.request().uri(), refused.body())
          .isEqualTo(403);
    }
  }

  @Test
  @Order(6)
  void everyPageFitsBothSizesAndEveryControlHasALabelAndTakesTheKeyboard() {
    signIn(tokens.admin());
    SoftAssertions pages = new SoftAssertions();
    for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
      browser.resize(viewport);
      for (String page : PAGES) {
        open("#/" + page);
        awaitLoaded();
        browser.screenshot(page + (viewport.equals(Viewport.PHONE) ? "-phone" : "-desktop"));
        pages.assertThat(unlabelled()).as("controls without a label on %s", page).isEmpty();
        pages.assertThat(unreachable()).as("controls Tab does not reach on %s", page).isEmpty();
        pages
            .assertThat(
                (Long)
                    driver.executeScript(
                        "return document.documentElement.scrollWidth - innerWidth"))
            .as("how far %s scrolls sideways at %s; rightmost: %s", page, viewport, widest())
            .isLessThanOrEqualTo(0L);
      }
    }
    browser.resize(Viewport.DESKTOP);
    pages.assertAll();
  }

  @Test
  @Order(7)
  void theEventsPageTailsTheFleetEventsFilteredByType() {
    signIn(tokens.viewer());
    open("#/events");
    awaitShowing(() -> !texts("#event-rows tr").isEmpty(), "events listed");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("events-type")))
        .selectByValue("ShiftProgress");
    assertThat(attributes("#event-rows tr", "data-type"))
        .isNotEmpty()
        .containsOnly("ShiftProgress");
    int before = texts("#event-rows tr").size();
    suite.kafleet("traffic", "set", "podinfo", "--weights", "green=100,blue=0", "--wait");
    awaitShowing(
        () -> texts("#event-rows tr").size() > before, "new ShiftProgress rows without a reload");
    browser.screenshot("events");
  }

  // --- the page, read and driven ---

  private static void signIn(String token) {
    driver.get(suite.stack().placementUrl() + "/console/");
    driver.executeScript("sessionStorage.clear()");
    driver.navigate().refresh();
    WebElement field = driver.findElement(By.id("token"));
    field.sendKeys(token, Keys.ENTER);
    awaitShowing(() -> !text("#who").isEmpty(), "signed in");
  }

  private static void open(String hash) {
    driver.executeScript("document.activeElement?.blur(); location.hash = arguments[0]", hash);
  }

  private static void awaitLoaded() {
    awaitShowing(
        () ->
            Boolean.TRUE.equals(
                driver.executeScript(
                    "const b = document.querySelector('main .page-body');"
                        + " return !b || b.getAttribute('aria-busy') === 'false'")),
        "the page loaded");
  }

  private static void awaitText(String selector, String expected) {
    awaitShowing(() -> text(selector).contains(expected), "'" + expected + "' in " + selector);
  }

  /** Waits as {@link Suite#await}; on a timeout, says what the page showed then. */
  private static void awaitShowing(Supplier<Boolean> condition, String what) {
    try {
      Suite.await(condition, what);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "expected " + what + "; the page at " + driver.getCurrentUrl() + " read: " + text("main"),
          e);
    }
  }

  private static String text(String selector) {
    Object text =
        driver.executeScript(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : ''",
            selector);
    return String.valueOf(text);
  }

  @SuppressWarnings("unchecked")
  private static List<String> texts(String selector) {
    return (List<String>)
        driver.executeScript(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())",
            selector);
  }

  @SuppressWarnings("unchecked")
  private static List<String> attributes(String selector, String attribute) {
    return (List<String>)
        driver.executeScript(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]))",
            selector,
            attribute);
  }

  private static String attribute(String selector, String attribute) {
    List<String> values = attributes(selector, attribute);
    return values.isEmpty() ? null : values.get(0);
  }

  private static String cell(String objectKey, String cluster) {
    return attribute(
        "tr[data-object='" + objectKey + "'] td[data-cluster='" + cluster + "']", "data-phase");
  }

  private static List<String> rows() {
    return attributes("#matrix tbody tr", "data-object");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> observed(String virtualService) {
    return (Map<String, String>)
        driver.executeScript(
            "const seen = {};"
                + " document.querySelectorAll(`.bar[data-kind=observed][data-vs='${arguments[0]}']`)"
                + "   .forEach(b => seen[b.dataset.cluster] = b.dataset.weights);"
                + " return seen;",
            virtualService);
  }

  private static void type(String id, String value) {
    driver.findElement(By.id(id)).sendKeys(value);
  }

  private static void clear(String id) {
    driver.findElement(By.id(id)).clear();
  }

  private static void setWeight(String subset, String weight) {
    WebElement field = driver.findElement(By.id("weight-" + subset));
    field.clear();
    field.sendKeys(weight);
  }

  /** The elements that reach furthest right, for a failure message. */
  private static Object widest() {
    return driver.executeScript(
        "return [...document.querySelectorAll('body *')]"
            + ".map(e => [Math.round(e.getBoundingClientRect().right), e.tagName + '#' + e.id + '.' + e.className])"
            + ".sort((a, b) => b[0] - a[0]).slice(0, 5)");
  }

  /** Visible controls with no accessible name: no label, aria-label, or text. */
  @SuppressWarnings("unchecked")
  private static List<String> unlabelled() {
    return (List<String>)
        driver.executeScript(
            """
            const visible = e => e.checkVisibility({checkVisibilityCSS: true});
            const named = e => {
              if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')) return true;
              if (e.matches('input, select, textarea'))
                return (e.id && document.querySelector(`label[for="${e.id}"]`)) || e.closest('label');
              return e.textContent.trim().length > 0;
            };
            return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')]
              .filter(visible).filter(e => !named(e)).map(e => e.outerHTML.slice(0, 120));
            """);
  }

  /**
   * Visible controls that pressing Tab from the top of the page never focuses. Controls are told
   * apart by tag, id, label, link and text, so that a live redraw of the page during the walk (the
   * same controls drawn again) does not count as unreachable.
   */
  @SuppressWarnings("unchecked")
  private static List<String> unreachable() {
    String key =
        "const key = e => { const label = e.getAttribute('aria-label');"
            + " return [e.tagName, e.id, label, e.getAttribute('href'),"
            + " label ? '' : e.textContent.trim().slice(0, 60)].join('|'); };";
    List<String> controls =
        (List<String>)
            driver.executeScript(
                key
                    + "document.activeElement?.blur();"
                    + "return [...document.querySelectorAll('a[href], button, input, select,"
                    + " textarea, summary, [tabindex=\"0\"]')]"
                    + ".filter(e => e.checkVisibility({checkVisibilityCSS: true}) && !e.disabled).map(key);");
    java.util.Set<String> reached = new java.util.HashSet<>();
    for (int i = 0; i < controls.size() + 5; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      reached.add(String.valueOf(driver.executeScript(key + "return key(document.activeElement)")));
    }
    return controls.stream().filter(control -> !reached.contains(control)).toList();
  }
}
