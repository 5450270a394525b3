package be.subside.notification;

import be.subside.document.DocumentService;
import be.subside.identity.OrganisationService;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds. Claims due messages (row locks, SKIP LOCKED: several nodes share the work), sends each
 * outside any transaction, then marks it. Failures are retried with exponential backoff; after the last attempt, or
 * at once when the recipient address is refused, the message is FAILED: visible to staff, who can retry it, and the
 * organisation's profile shows the address problem. A dispatcher that dies between sending and marking leaves the
 * message SENDING; once its lease runs out it is sent again: delivery is at least once (at most one batch, 20 by
 * default, repeated per dispatcher death), and each message carries a Message-ID derived from its idempotency key so
 * mail clients can recognise the repeat.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final JdbcTemplate jdbc;
    private final OutboxRepository outbox;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final DocumentService documents;
    private final OrganisationService organisations;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final boolean enabled;
    private final String from;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration lease;
    private final int batch;

    OutboxDispatcher(JdbcTemplate jdbc, OutboxRepository outbox, ObjectProvider<JavaMailSender> mailSender,
            DocumentService documents, OrganisationService organisations, Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${subside.notifications.dispatcher.enabled:true}") boolean enabled,
            @Value("${subside.notifications.from:subsides@subside.example}") String from,
            @Value("${subside.notifications.max-attempts:8}") int maxAttempts,
            @Value("${subside.notifications.first-backoff:PT30S}") Duration firstBackoff,
            @Value("${subside.notifications.lease:PT5M}") Duration lease,
            @Value("${subside.notifications.batch:20}") int batch) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.documents = documents;
        this.organisations = organisations;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
        this.enabled = enabled;
        this.from = from;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.lease = lease;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${subside.notifications.dispatcher.interval:PT5S}")
    void scheduled() {
        if (enabled) {
            try {
                dispatchDue();
            } catch (RuntimeException e) {
                log.error("Outbox dispatch failed; next round retries", e);
            }
        }
    }

    /** Sends every message due now (a batch at a time); returns how many were attempted. */
    public int dispatchDue() {
        int attempted = 0;
        List<Long> claimed;
        do {
            claimed = claim();
            deliver(claimed);
            attempted += claimed.size();
        } while (claimed.size() == batch);
        return attempted;
    }

    /** Claims due messages: pending ones whose time has come, and SENDING ones whose dispatcher lease ran out. */
    List<Long> claim() {
        Instant now = clock.instant();
        return tx.execute(status -> {
            List<Long> ids = jdbc.queryForList("select id from outbox_message where (status = 'PENDING' and "
                    + "next_attempt_at <= ?) or (status = 'SENDING' and locked_until <= ?) order by id limit ? "
                    + "for update skip locked", Long.class, Timestamp.from(now), Timestamp.from(now), batch);
            for (Long id : ids) {
                jdbc.update("update outbox_message set status = 'SENDING', locked_until = ?, attempts = attempts + 1 "
                        + "where id = ?", Timestamp.from(now.plus(lease)), id);
            }
            return ids;
        });
    }

    /**
     * Sends claimed messages over one SMTP connection and records each outcome. A dispatcher that dies after the
     * server took the batch but before the marks were written causes at most this batch to be sent again.
     */
    void deliver(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        // findAllById answers in no particular order: mails leave in the order their events happened
        List<OutboxMessage> messages = outbox.findAllById(ids).stream()
                .sorted(java.util.Comparator.comparing(OutboxMessage::getId)).toList();
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            for (OutboxMessage message : messages) {
                log.info("No mail server configured; mail {} to {} kept in the outbox:\nSubject: {}\n\n{}",
                        message.getIdempotencyKey(), message.getRecipient(), message.getSubject(), message.getBodyText());
                mark(message.getId(), "LOGGED", null);
            }
            return;
        }
        Map<MimeMessage, OutboxMessage> batch = new LinkedHashMap<>();
        for (OutboxMessage message : messages) {
            try {
                batch.put(mime(sender, message), message);
            } catch (MessagingException | MailException e) {
                failed(message, e);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Map<Object, Exception> failures = Map.of();
        try {
            sender.send(batch.keySet().toArray(new MimeMessage[0]));
        } catch (MailSendException e) {
            failures = e.getFailedMessages();
            if (failures.isEmpty()) {
                batch.values().forEach(message -> failed(message, e));
                return;
            }
        } catch (MailException e) {
            batch.values().forEach(message -> failed(message, e));
            return;
        }
        for (Map.Entry<MimeMessage, OutboxMessage> sent : batch.entrySet()) {
            Exception failure = failures.get(sent.getKey());
            if (failure == null) {
                mark(sent.getValue().getId(), "SENT", null);
            } else {
                failed(sent.getValue(), failure);
            }
        }
    }

    private MimeMessage mime(JavaMailSender sender, OutboxMessage message) throws MessagingException {
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(new InternetAddress(message.getRecipient(), true));
        helper.setSubject(message.getSubject());
        helper.setText(message.getBodyText(), message.getBodyHtml());
        if (message.getAttachmentDocumentId() != null) {
            DocumentService.Download receipt = documents.openForDelivery(message.getAttachmentDocumentId());
            try (InputStream in = receipt.content().open()) {
                helper.addAttachment(receipt.document().getFileName(), new ByteArrayResource(in.readAllBytes()),
                        receipt.document().getMediaType());
            } catch (IOException e) {
                throw new MessagingException("Cannot read the attachment", e);
            }
        }
        mime.saveChanges();
        mime.setHeader("Message-ID", "<" + sha256(message.getIdempotencyKey()) + "@subside>");
        mime.setHeader("Auto-Submitted", "auto-generated");
        return mime;
    }

    private void failed(OutboxMessage message, Exception e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (refusedRecipient(e)) {
            log.warn("Mail {} refused for its recipient {}: {}", message.getIdempotencyKey(), message.getRecipient(), reason);
            tx.executeWithoutResult(status -> {
                mark(message.getId(), "FAILED", "Recipient refused: " + reason);
                if (message.getOrganisationId() != null) {
                    organisations.reportContactProblem(message.getOrganisationId(),
                            "The address " + message.getRecipient() + " was refused: " + reason);
                }
            });
            return;
        }
        int attempts = jdbc.queryForObject("select attempts from outbox_message where id = ?", Integer.class,
                message.getId());
        if (attempts >= maxAttempts) {
            log.error("Mail {} failed {} times, given up until staff retry it: {}", message.getIdempotencyKey(),
                    attempts, reason);
            mark(message.getId(), "FAILED", reason);
        } else {
            Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempts - 1, 10));
            log.warn("Mail {} failed (attempt {}), retrying in {}: {}", message.getIdempotencyKey(), attempts, wait,
                    reason);
            jdbc.update("update outbox_message set status = 'PENDING', locked_until = null, next_attempt_at = ?, "
                    + "last_error = ? where id = ?", Timestamp.from(clock.instant().plus(wait)), truncate(reason),
                    message.getId());
        }
    }

    /** A bad address is not fixed by waiting: no retry, the organisation's contact is flagged. */
    private static boolean refusedRecipient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AddressException) {
                return true;
            }
            if (t instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                    && failed.getInvalidAddresses().length > 0) {
                return true;
            }
            if (t instanceof MailSendException send) {
                for (Exception inner : send.getFailedMessages().values()) {
                    if (refusedRecipient(inner)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void mark(Long id, String status, String error) {
        jdbc.update("update outbox_message set status = ?, locked_until = null, last_error = ?, sent_at = ? where id = ?",
                status, truncate(error), "FAILED".equals(status) ? null : Timestamp.from(clock.instant()), id);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
