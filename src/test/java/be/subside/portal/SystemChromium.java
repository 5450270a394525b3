package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The system's headless Chromium driven by Playwright, one per test class (creating Playwright takes seconds). CI
 * installs Chromium (.ci/run) and must run the browser tests; elsewhere they are skipped until it is installed.
 */
final class SystemChromium implements AutoCloseable {

    final Playwright playwright;
    final Browser browser;

    private SystemChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static SystemChromium launch() {
        Path executable = Paths.get(System.getProperty("subside.chromium", "/usr/lib/chromium/chromium"));
        if (!Files.isExecutable(executable)) {
            assertThat(System.getenv("CI")).as("Chromium missing at %s in CI", executable).isNull();
            org.junit.jupiter.api.Assumptions.abort("No Chromium at " + executable
                    + ": apt-get install -y --no-install-recommends chromium, or run .ci/run");
        }
        Playwright playwright = Playwright.create();
        return new SystemChromium(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setHeadless(true).setExecutablePath(executable)
                .setArgs(List.of("--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run"))));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
