package dev.ddspatterns.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pattern console in a real headless Chromium, against the running demo: every panel
 * shows live data from its services, a leaf frozen with a click shows in the answers, and
 * each panel's picture is saved.
 *
 * <p>
 * The browser is the system's ({@code chromium}, driven by {@code chromedriver}, Debian's
 * {@code chromium} and {@code chromium-driver} packages): nothing is downloaded, and a
 * machine without them fails these checks, saying what to install.
 */
final class ConsoleBrowserChecks {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final String console;

	private final Path pictures;

	ConsoleBrowserChecks(int port, Path pictures) {
		this.console = "http://localhost:" + port + "/";
		this.pictures = pictures;
	}

	/**
	 * @return what failed, one line each; empty when every panel showed live data
	 */
	List<String> run() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			return List.of("console: no browser to check it with: install Chromium and its driver "
					+ "(sudo apt-get install chromium chromium-driver)");
		}
		Files.createDirectories(this.pictures);
		Path profile = Files.createTempDirectory("console-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1400,2600", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		List<String> failed = new ArrayList<>();
		try {
			browser.get(this.console);
			check(failed, browser, "the page is live", (page) -> text(page, By.id("status")).startsWith("Live:"));
			check(failed, browser, "cache: every shard with its keys, and the ring",
					(page) -> rows(page, "cache-shards") >= 3 && count(page, "[data-testid=cache-ring] path") >= 3
							&& !text(page, testId("cache-epoch")).equals("0"));
			check(failed, browser, "search: four leaves answering, and the root's view of three shards",
					(page) -> rows(page, "search-leaves") == 4
							&& text(page, testId("search-leaves")).split("answering", -1).length - 1 == 4
							&& rows(page, "search-shards") == 3);
			check(failed, browser, "gateway: requests per route", (page) -> rows(page, "gateway-routes") >= 3);
			check(failed, browser, "election: a leader with a token, three replicas, the ledger",
					(page) -> !text(page, testId("election-leader")).equals("none")
							&& !text(page, testId("election-token")).equals("0") && rows(page, "election-replicas") == 3
							&& rows(page, "election-ledger") >= 1);
			check(failed, browser, "pipeline: both thumbnailers ready, and the stages' work",
					(page) -> text(page, testId("pipeline-instances")).split(" UP", -1).length - 1 == 2
							&& rows(page, "pipeline-stages") >= 1);
			String before = browser.findElement(By.id("election")).getAttribute("data-updated");
			check(failed, browser, "the panels are read again while the page watches",
					(page) -> !String.valueOf(page.findElement(By.id("election")).getAttribute("data-updated"))
						.equals(before));
			faults(failed, browser);
			for (String panel : List.of("cache", "search", "gateway", "election", "pipeline")) {
				Files.write(this.pictures.resolve(panel + ".png"),
						browser.findElement(By.id(panel)).getScreenshotAs(OutputType.BYTES));
			}
			Files.write(this.pictures.resolve("console.png"),
					((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
		}
		finally {
			browser.quit();
		}
		return failed;
	}

	/**
	 * Faults at a click, through the leaves' own switches: shard 2's only leaf frozen
	 * makes the console's query come back partial without shard 2; shard 0's second
	 * replica frozen makes the root hedge to the first.
	 */
	private void faults(List<String> failed, WebDriver browser) throws IOException {
		press(failed, browser, "leaf-3/freeze", true);
		check(failed, browser, "freeze shard 2's only leaf: the console's query answers partial, shard 2 missing",
				(page) -> text(page, testId("search-probe")).contains("partial, shard 2 missing"));
		Files.write(this.pictures.resolve("search-frozen-leaf.png"),
				browser.findElement(By.id("search")).getScreenshotAs(OutputType.BYTES));
		press(failed, browser, "leaf-3/freeze", false);
		check(failed, browser, "the leaf thawed: the console's query answers complete again",
				(page) -> text(page, testId("search-probe")).contains("complete"));
		double hedged = hedgesSent(browser, "0");
		press(failed, browser, "leaf-1/freeze", true);
		check(failed, browser, "freeze one of shard 0's two leaves: the root hedges to the other",
				(page) -> hedgesSent(page, "0") > hedged && text(page, testId("search-probe")).contains("complete"));
		press(failed, browser, "leaf-1/freeze", false);

		// Pause the leader: a new leader with a larger token, then the old one's stale
		// write refused once the pause ends.
		String leader = text(browser, testId("election-leader"));
		long token = Long.parseLong(text(browser, testId("election-token")));
		double refused = Double.parseDouble(text(browser, testId("election-rejected")).replace(",", ""));
		String pause = "election-" + row(browser, "election-replicas", leader) + "/pause";
		press(failed, browser, pause, true);
		check(failed, browser, "pause the leader " + leader + ": another replica leads with a larger token",
				(page) -> !text(page, testId("election-leader")).equals(leader)
						&& Long.parseLong(text(page, testId("election-token"))) > token);
		// The ledger fences only with tokens it has seen: the pause ends once the new
		// leader has written, or the old leader's pending write would still be in time.
		String successor = text(browser, testId("election-leader"));
		check(failed, browser, "the new leader " + successor + " writes to the ledger",
				(page) -> text(page, testId("election-ledger")).contains(successor));
		Files.write(this.pictures.resolve("election-paused-leader.png"),
				browser.findElement(By.id("election")).getScreenshotAs(OutputType.BYTES));
		press(failed, browser, pause, false);
		check(failed, browser, "the paused leader's pending write, refused by the fenced ledger",
				(page) -> Double.parseDouble(text(page, testId("election-rejected")).replace(",", "")) > refused);
	}

	/**
	 * Clicks a fault's button once, then waits for the service to report it on or off.
	 */
	private static void press(List<String> failed, WebDriver browser, String fault, boolean on) {
		By button = By.cssSelector("button[data-fault='" + fault + "']");
		try {
			new WebDriverWait(browser, PATIENCE, Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class)
				.until((page) -> {
					page.findElement(button).click();
					return true;
				});
		}
		catch (TimeoutException ex) {
			failed.add("console: no button for the fault " + fault);
			return;
		}
		check(failed, browser, fault + " reported " + (on ? "on" : "off") + " by its service",
				(page) -> String.valueOf(on).equals(page.findElement(button).getAttribute("aria-pressed")));
	}

	/** The index of the row of a table whose first cell says {@code first}. */
	private static int row(WebDriver page, String table, String first) {
		List<WebElement> rows = page.findElements(By.cssSelector("[data-testid=" + table + "] tbody tr"));
		for (int i = 0; i < rows.size(); i++) {
			if (rows.get(i).findElement(By.tagName("td")).getText().strip().equals(first)) {
				return i;
			}
		}
		return -1;
	}

	private static double hedgesSent(WebDriver page, String shard) {
		for (WebElement row : page.findElements(By.cssSelector("[data-testid=search-shards] tbody tr"))) {
			List<WebElement> cells = row.findElements(By.tagName("td"));
			if (cells.get(0).getText().strip().equals(shard)) {
				return Double.parseDouble(cells.get(3).getText().replace(",", "").strip());
			}
		}
		return -1;
	}

	private static void check(List<String> failed, WebDriver browser, String what, Function<WebDriver, Boolean> shown) {
		try {
			new WebDriverWait(browser, PATIENCE, Duration.ofMillis(250)).ignoring(RuntimeException.class).until(shown);
		}
		catch (TimeoutException ex) {
			failed.add("console: " + what + " — not shown within " + PATIENCE.toSeconds() + " s; the page said: "
					+ browser.findElement(By.tagName("main")).getText().replace('\n', ' '));
		}
	}

	private static By testId(String id) {
		return By.cssSelector("[data-testid=" + id + "]");
	}

	private static String text(WebDriver page, By where) {
		return page.findElement(where).getText().strip();
	}

	private static int rows(WebDriver page, String table) {
		return count(page, "[data-testid=" + table + "] tbody tr");
	}

	private static int count(WebDriver page, String css) {
		List<WebElement> found = page.findElements(By.cssSelector(css));
		return found.size();
	}

}
