package be.subside;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A request to the test server as an API client sends it: with HTTP Basic credentials, or none when user is null. */
public final class BasicAuth {

    private BasicAuth() {
    }

    public static HttpRequest.Builder request(int port, String path, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }
}
