package be.subside;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;

/**
 * The Camunda webapps keep their runtime delegates in static fields, set when a web application starts and set to null
 * when one stops. StableDeploymentTest and PostgresProfileTest start and stop applications of their own beside the
 * shared test context; after them, the shared context's webapps answer 500 (a NullPointerException in Admin, Tasklist
 * or Cockpit) to the request that first initialises their Jersey servlets. Tests that use the webapps call this first,
 * so that they do not depend on which tests ran before. A deployed application runs one context: this is for tests.
 */
public final class CamundaWebapps {

    private CamundaWebapps() {
    }

    public static void restoreRuntimeDelegates() {
        if (Admin.getRuntimeDelegate() == null) {
            Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        }
        if (Cockpit.getRuntimeDelegate() == null) {
            Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        }
        if (Tasklist.getRuntimeDelegate() == null) {
            Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        }
        if (Welcome.getRuntimeDelegate() == null) {
            Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
        }
    }

    /**
     * The group Camunda treats as administrators, as a production start-up creates it with its first admin; the test
     * profile has none (and without any admin the webapps show their setup page instead of their login).
     */
    public static void administratorsGroup(org.camunda.bpm.engine.IdentityService identity,
            org.camunda.bpm.engine.AuthorizationService authorizations) {
        if (identity.createGroupQuery().groupId("camunda-admin").count() == 0) {
            org.camunda.bpm.engine.identity.Group group = identity.newGroup("camunda-admin");
            group.setName("Camunda administrators");
            group.setType("SYSTEM");
            identity.saveGroup(group);
            // what the start-up with an admin user grants: everything, on every resource
            for (org.camunda.bpm.engine.authorization.Resources resource
                    : org.camunda.bpm.engine.authorization.Resources.values()) {
                org.camunda.bpm.engine.authorization.Authorization all = authorizations.createNewAuthorization(
                        org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
                all.setGroupId("camunda-admin");
                all.setResource(resource);
                all.setResourceId("*");
                all.addPermission(org.camunda.bpm.engine.authorization.Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }

    /**
     * An administrator nobody can sign in as: without any administrator the webapps send everyone to the setup page that
     * creates the first, instead of showing their login.
     */
    public static void unknownAdministrator(org.camunda.bpm.engine.IdentityService identity,
            org.camunda.bpm.engine.AuthorizationService authorizations) {
        administratorsGroup(identity, authorizations);
        if (identity.createUserQuery().memberOfGroup("camunda-admin").count() == 0) {
            org.camunda.bpm.engine.identity.User admin = identity.newUser("test-admin");
            admin.setPassword("Unknown-" + java.util.UUID.randomUUID());
            identity.saveUser(admin);
            identity.createMembership("test-admin", "camunda-admin");
        }
    }

    /** Work that starts and closes an application of its own beside the shared test context. */
    public interface SecondApplication {
        void run() throws Exception;
    }

    /**
     * Runs a second application beside the shared test context, then puts back the JVM-wide Camunda state it shares
     * with it: the webapps' runtime delegates, and the engines of Camunda's static registry (ProcessEngines), where
     * engine-rest looks engines up and which the second application's shutdown leaves without the shared engine.
     */
    public static void besideTheSharedContext(SecondApplication application) throws Exception {
        java.util.Map<String, org.camunda.bpm.engine.ProcessEngine> before =
                new java.util.HashMap<>(org.camunda.bpm.engine.ProcessEngines.getProcessEngines());
        try {
            application.run();
        } finally {
            before.values().forEach(engine -> {
                if (org.camunda.bpm.engine.ProcessEngines.getProcessEngine(engine.getName()) == null) {
                    org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);
                }
            });
            // the second application set the webapps' delegates to its own when it started, and may have left them
            // pointing at its closed engine: fresh ones, not only missing ones
            Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
            Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
            Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
            Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
        }
    }


    /** A webapp session as Tasklist holds it after its login: the session's cookies and its CSRF token. */
    public record Session(String cookies, String csrf) {

        public HttpRequest post(int port, String path, String accept, String json) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json").header("Accept", accept).header("Cookie", cookies)
                    .header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }
    }

    /** Signs in as a browser does: Tasklist's page for the cookies, the login with its CSRF header, the page again. */
    public static Session webappLogin(HttpClient http, int port, String user, String password) throws Exception {
        String page = "http://localhost:" + port + "/camunda/app/tasklist/default/";
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(page)).build(),
                HttpResponse.BodyHandlers.ofString());
        keep(first, cookies);
        String csrf = first.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.get("XSRF-TOKEN"));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie(cookies))
                .header("X-XSRF-TOKEN", String.valueOf(csrf))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("webapp login answered " + login.statusCode() + ": " + login.body());
        }
        keep(login, cookies);
        // the login starts a new session: its token comes with the next page
        HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(page))
                .header("Cookie", cookie(cookies)).build(), HttpResponse.BodyHandlers.ofString());
        keep(next, cookies);
        return new Session(cookie(cookies), next.headers().firstValue("X-XSRF-TOKEN").orElse(cookies.get("XSRF-TOKEN")));
    }

    private static void keep(HttpResponse<?> response, Map<String, String> cookies) {
        response.headers().allValues("Set-Cookie").forEach(c -> cookies.put(c.substring(0, c.indexOf('=')),
                c.substring(c.indexOf('=') + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))));
    }

    private static String cookie(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
