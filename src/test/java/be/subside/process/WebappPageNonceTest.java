package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import be.subside.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda 7.24 keeps the CSP nonce of the webapp page being served in one ServletContext attribute for all requests;
 * under concurrent requests a page's scripts carried another response's nonce than its own header, and the browser
 * ran none of them (Tasklist stayed on its spinner). Many pages at once: each page's scripts carry its header's nonce.
 */
@IntegrationTest
class WebappPageNonceTest {

    static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
    static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([^\"]*)\"");

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.IdentityService identity;
    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.AuthorizationService authorizations;

    @Test
    void everyWebappPageCarriesTheNonceOfItsOwnHeaderUnderConcurrentRequests() {
        be.subside.CamundaWebapps.restoreRuntimeDelegates();
        // with no administrator at all, the webapps send everyone to their setup page
        be.subside.CamundaWebapps.unknownAdministrator(identity, authorizations);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> pages = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String app = List.of("tasklist", "cockpit", "admin").get(i % 3);
            pages.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/" + app
                    + "/default/")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> mismatches = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : pages) {
            HttpResponse<String> page = future.join();
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher header = HEADER_NONCE.matcher(page.headers().firstValue("Content-Security-Policy").orElse(""));
            assertThat(header.find()).as("a nonce in the page's policy").isTrue();
            Matcher body = PAGE_NONCE.matcher(page.body());
            int scripts = 0;
            while (body.find()) {
                scripts++;
                if (!body.group(1).equals(header.group(1))) {
                    mismatches.add(page.uri() + ": header " + header.group(1) + ", script " + body.group(1));
                }
            }
            assertThat(scripts).as("scripts with a nonce in %s", page.uri()).isGreaterThan(0);
        }
        assertThat(mismatches).isEmpty();
    }
}
