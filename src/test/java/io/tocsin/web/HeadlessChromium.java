package io.tocsin.web;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless chromium driven through Debian's chromedriver, fully offline: the driver path is given
 * explicitly (so Selenium Manager is never asked to find or download one) and SE_OFFLINE is set in case it is.
 * A missing browser is a test FAILURE with the install command, never a skip.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Debian's paths; {@code -Dtocsin.chromium=} / {@code -Dtocsin.chromedriver=} point elsewhere. */
    static final Path CHROMIUM = Path.of(System.getProperty("tocsin.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tocsin.chromedriver", "/usr/bin/chromedriver"));

    /**
     * Installed before any page script runs (via CDP, so the page's CSP does not apply to it): records CSP
     * violations, uncaught errors and unhandled promise rejections in {@code window.__tocsinProblems}. The browser
     * log should show these too; this makes the check independent of how the log is plumbed.
     */
    private static final String PROBLEM_RECORDER = """
            window.__tocsinProblems = [];
            document.addEventListener('securitypolicyviolation', e => window.__tocsinProblems.push(
                'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)')
                + ' at ' + e.sourceFile + ':' + e.lineNumber));
            window.addEventListener('error', e => window.__tocsinProblems.push(
                'uncaught error: ' + e.message + ' at ' + e.filename + ':' + e.lineno));
            window.addEventListener('unhandledrejection', e => window.__tocsinProblems.push(
                'unhandled rejection: ' + (e.reason && e.reason.stack || e.reason)));
            """;

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    static HeadlessChromium launch() {
        return launch("uk-UA,uk;q=0.9,en;q=0.5");
    }

    /** A browser whose Accept-Language (and navigator.languages) is {@code acceptLanguage}. */
    static HeadlessChromium launch(String acceptLanguage) {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                missing.add(p.toString());
            }
        }
        if (!missing.isEmpty()) {
            fail("The browser tests need Debian's chromium and chromedriver, but " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing. Install them with:\n"
                    + "    sudo apt-get update && sudo apt-get install -y chromium chromium-driver\n"
                    + "(.ci/run does this on CI machines.)");
        }
        // Selenium passes SE_* system properties on to Selenium Manager as environment variables.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());

        Path profile;
        try {
            profile = Files.createTempDirectory("tocsin-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--lang=" + acceptLanguage.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(20))
                .withLogFile(new File(profile.toFile(), "chromedriver.log"))
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw new AssertionError("chromium did not start through " + CHROMEDRIVER + ": " + e.getMessage(), e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(10)).scriptTimeout(Duration.ofSeconds(5));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBLEM_RECORDER));
        return new HeadlessChromium(driver, service, profile);
    }

    /** Saves a screenshot of the whole window as a test artefact under target/screenshots/. */
    Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window's content area (a 390 px phone, a desktop). */
    void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    void resetViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Console errors and CSP reports since the last call, plus whatever the in-page recorder caught. */
    List<String> problemsSince() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String msg = e.getMessage();
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() || msg.contains("Content Security Policy")) {
                out.add("console " + e.getLevel() + ": " + msg);
            }
        }
        Object recorded = driver.executeScript(
                "const p = window.__tocsinProblems || []; window.__tocsinProblems = []; return p;");
        if (recorded instanceof List<?> list) {
            list.forEach(p -> out.add("page " + p));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
