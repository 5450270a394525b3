package be.subside.portal;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;

/** What the browser tests do in the Camunda webapps: sign in through their login page, keep a screenshot. */
final class WebappPages {

    private WebappPages() {
    }

    /** Opens a webapp ({@code /camunda/app/tasklist/default/}, …) in {@code page} and signs in through its login. */
    static Page signIn(Page page, String appUrl, String user, String password) {
        page.navigate(appUrl);
        try {
            page.locator("input[ng-model=username]").waitFor();
        } catch (RuntimeException e) {
            shot(page, "webapp-login-failed");
            throw new AssertionError("no login at " + page.url() + ": " + page.locator("body").innerText(), e);
        }
        page.locator("input[ng-model=username]").fill(user);
        page.locator("input[ng-model=password]").fill(password);
        page.locator("button[type=submit]").click();
        page.locator("input[ng-model=username]").waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.DETACHED));
        return page;
    }

    /** The whole page as target/screenshots/NAME.png. */
    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
                .setFullPage(true));
    }
}
