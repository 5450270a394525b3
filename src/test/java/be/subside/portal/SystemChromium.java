package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The system's headless Chromium driven by Playwright, launched once per test class (creating Playwright takes
 * seconds): {@code @RegisterExtension static final SystemChromium chromium = new SystemChromium();}. CI installs
 * Chromium (.ci/run) and must run the browser tests; elsewhere they are skipped until it is installed.
 */
final class SystemChromium implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;
    private Browser browser;

    Browser browser() {
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path executable = Paths.get(System.getProperty("subside.chromium", "/usr/lib/chromium/chromium"));
        if (!Files.isExecutable(executable)) {
            assertThat(System.getenv("CI")).as("Chromium missing at %s in CI", executable).isNull();
            org.junit.jupiter.api.Assumptions.abort("No Chromium at " + executable
                    + ": apt-get install -y --no-install-recommends chromium, or run .ci/run");
        }
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(executable)
                .setArgs(List.of("--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (playwright != null) {
            browser.close();
            playwright.close();
        }
    }
}
