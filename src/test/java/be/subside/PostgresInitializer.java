package be.subside;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the shared test context at its own database on the embedded PostgreSQL server. */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static String url;
    /** The SMTP port the shared context sends to; mail tests start GreenMail on it. */
    public static final int SMTP_PORT = freePort();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        synchronized (PostgresInitializer.class) {
            if (url == null) {
                url = EmbeddedDatabase.newDatabase("subside_it");
            }
        }
        TestPropertyValues.of("spring.datasource.url=" + url, "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "spring.datasource.hikari.data-source-properties.options=-c random_page_cost=1.1",
                "spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP_PORT,
                "spring.mail.properties.mail.smtp.connectiontimeout=2000",
                "spring.mail.properties.mail.smtp.timeout=2000").applyTo(context);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
