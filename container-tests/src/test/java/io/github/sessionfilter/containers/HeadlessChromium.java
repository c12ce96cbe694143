package io.github.sessionfilter.containers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium. Both paths are given
 * explicitly so Selenium Manager never runs (it would try to download a driver; the network is closed).
 * A fresh profile per run; a 1000x700 window, so screenshots are small and alike.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String INSTALL_HINT = "install them with: apt-get install -y chromium chromium-driver "
            + "(or set CHROMIUM_BINARY / CHROMEDRIVER to other paths)";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    static HeadlessChromium start(Path workDirectory) throws IOException {
        File browser = executable("CHROMIUM_BINARY", "/usr/bin/chromium");
        File chromedriver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile = Files.createDirectories(workDirectory.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .withLogFile(workDirectory.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--password-store=basic", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=1000,700", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        service.start();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(service, driver);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A PNG of the viewport, written to {@code file}. Returns its size in bytes. */
    long screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    /** Whether Chromium and chromedriver are installed (the browser test needs both). */
    static boolean installed() {
        return path("CHROMIUM_BINARY", "/usr/bin/chromium").canExecute()
                && path("CHROMEDRIVER", "/usr/bin/chromedriver").canExecute();
    }

    private static File path(String variable, String fallback) {
        String configured = System.getenv(variable);
        return new File(configured == null || configured.isBlank() ? fallback : configured);
    }

    private static File executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        File file = new File(configured == null || configured.isBlank() ? fallback : configured);
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing; the browser test needs Chromium and its driver: "
                    + INSTALL_HINT);
        }
        return file;
    }
}
