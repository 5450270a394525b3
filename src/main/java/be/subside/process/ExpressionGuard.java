package be.subside.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before Camunda sees them, requests to engine-rest and to the webapps' internal API whose query parameters
 * or JSON bodies carry an expression ({@code ${…}} or {@code #{…}}), wherever it hides: any field, names included,
 * nested {@code orQueries}, unicode escapes (the JSON is decoded first). Camunda evaluates expressions in some query
 * fields, and a query is how the published remote-code-execution path of 7.24 CE gets in; engine settings already
 * refuse expressions in ad-hoc and stored queries, this is the second lock.
 *
 * <p>Bodies that carry data rather than a query (completing a task, submitting a form, setting variables, starting
 * an instance, comments, a user's profile or password) are let through: the engine never evaluates such values, and
 * people may type any text. Only JSON bodies are read: a deployment (multipart) legitimately holds expressions and only administrators
 * may deploy; a form post (the webapps' login) carries no query.
 */
final class ExpressionGuard extends OncePerRequestFilter {

    static final Pattern EXPRESSION = Pattern.compile("[$#]\\s*\\{");
    /** Larger query bodies are refused: no legitimate query comes near. */
    static final int MAX_QUERY_BODY = 256 * 1024;
    private static final Pattern DATA_ENDPOINT = Pattern.compile(
            ".*/(complete|submit-form|resolve|variables(/[^/]+)?|localVariables(/[^/]+)?|modification(/async)?|start"
                    + "|message|comment/create|signal|restart|modify|user/create|credentials|profile)$");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : parameters(request).entrySet()) {
            if (carries(parameter.getKey()) || java.util.Arrays.stream(parameter.getValue()).anyMatch(this::carries)) {
                refuse(response, HttpServletResponse.SC_BAD_REQUEST, "Expressions are not accepted in queries");
                return;
            }
        }
        if (!inspectsBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_QUERY_BODY + 1);
        if (body.length > MAX_QUERY_BODY) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "This query is too large");
            return;
        }
        if (carriesExpression(body)) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "Expressions are not accepted in queries");
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** Query-string parameters only: a form body is read by the servlet later, and never by this filter. */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, String[]> decoded = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            decoded.merge(name, new String[] {value}, (a, b) -> {
                String[] both = java.util.Arrays.copyOf(a, a.length + 1);
                both[a.length] = b[0];
                return both;
            });
        }
        return decoded;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // malformed escapes: checked as they are
        }
    }

    private static boolean inspectsBody(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            return false;
        }
        // queries are JSON; a form post (the webapps' login) is parsed by the container from the original stream
        String type = request.getContentType();
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return false;
        }
        return !DATA_ENDPOINT.matcher(request.getRequestURI()).matches();
    }

    private boolean carries(String text) {
        return text != null && EXPRESSION.matcher(text).find();
    }

    /** The raw text, and every string and field name of the decoded JSON (escapes such as \u0024 undone). */
    boolean carriesExpression(byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8);
        if (carries(raw)) {
            return true;
        }
        try {
            return carries(json.readTree(body));
        } catch (JsonProcessingException e) {
            return false; // not JSON: Camunda refuses it on its own, and the raw text was checked
        } catch (IOException e) {
            return false;
        }
    }

    private boolean carries(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return carries(node.asText());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (carries(field.getKey()) || carries(field.getValue())) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (carries(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"type\":\"InvalidRequestException\",\"message\":\"" + message + "\"}");
    }

    /** The request with its body read once here and replayed to Camunda. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return body.length == 0 || inAvailable(in) == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking only");
                }
            };
        }

        private static int inAvailable(InputStream in) {
            try {
                return in.available();
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
