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
        // the login form is in the page before Angular has bound it: a submit that early is lost (seen on a loaded
        // machine, the form then stays forever), so it is sent again until the form goes away
        for (int attempt = 1;; attempt++) {
            if (attempt > 1 && page.locator("input[ng-model=username]").count() == 0) {
                return page;
            }
            page.locator("input[ng-model=username]").fill(user);
            page.locator("input[ng-model=password]").fill(password);
            page.locator("button[type=submit]").click();
            try {
                page.locator("input[ng-model=username]").waitFor(new Locator.WaitForOptions()
                        .setState(WaitForSelectorState.DETACHED).setTimeout(attempt < 3 ? 10_000 : 30_000));
                return page;
            } catch (com.microsoft.playwright.TimeoutError e) {
                if (attempt == 3) {
                    shot(page, "webapp-login-stuck");
                    throw new AssertionError("login form still shown after 3 submits at " + page.url() + ": "
                            + page.locator("body").innerText(), e);
                }
            }
        }
    }

    /** The whole page as target/screenshots/NAME.png. */
    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
                .setFullPage(true));
    }
}
