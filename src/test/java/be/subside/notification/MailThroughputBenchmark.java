package be.subside.notification;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.PostgresInitializer;
import be.subside.application.Application;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mail throughput: queueing (render in the organisation's language + insert in the outbox, as a process step does)
 * and dispatching to a real SMTP server (GreenMail on loopback). Run: {@code mvn -Pbench verify}; prints a table and
 * writes target/bench/mail-throughput.csv.
 */
@Tag("bench")
@IntegrationTest
class MailThroughputBenchmark {

    static final int MAILS = 2_000;

    @Autowired
    Fixtures fixtures;
    @Autowired
    NotificationService notifications;
    @Autowired
    OutboxDispatcher dispatcher;

    @Test
    void queueAndDispatch() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(PostgresInitializer.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Call call = fixtures.openCall();
            Organisation lead = fixtures.organisation(Administration.COCOF);
            Application draft = fixtures.draft(call, lead);
            Fixtures.setClock(Fixtures.START.plus(Duration.ofDays(3650)));
            dispatcher.dispatchDue(); // what is already queued
            int before = smtp.getReceivedMessages().length;

            long start = System.nanoTime();
            for (int i = 0; i < MAILS; i++) {
                notifications.notifyApplicant(draft.getId(), NotificationEvent.DEADLINE_EXTENDED, "bench-" + i);
            }
            double queueSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            int sent = dispatcher.dispatchDue();
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            int received = smtp.getReceivedMessages().length - before;

            List<String> rows = new ArrayList<>();
            rows.add("step,mails,seconds,mails_per_s");
            rows.add(String.format(Locale.ROOT, "queue (render + outbox insert),%d,%.2f,%.0f", MAILS, queueSeconds,
                    MAILS / queueSeconds));
            rows.add(String.format(Locale.ROOT, "dispatch (SMTP send + mark),%d,%.2f,%.0f", sent, sendSeconds,
                    sent / sendSeconds));
            System.out.printf("%n== mail throughput: %d cores, PostgreSQL (embedded) and GreenMail on loopback; "
                    + "%d of %d received%n", Runtime.getRuntime().availableProcessors(), received, MAILS);
            rows.forEach(row -> System.out.println(row.replace(",", "\t")));
            Path out = Path.of("target", "bench", "mail-throughput.csv");
            Files.createDirectories(out.getParent());
            Files.write(out, rows);
        } finally {
            smtp.stop();
        }
    }
}
