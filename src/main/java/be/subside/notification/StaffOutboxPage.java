package be.subside.notification;

import be.subside.shared.Deadlines;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Staff's view of the outbox ({@code /staff/outbox}): failed and waiting mails with a retry button, then the sent ones. */
@RestController
class StaffOutboxPage {

    private final OutboxAdministration administration;

    StaffOutboxPage(OutboxAdministration administration) {
        this.administration = administration;
    }

    @GetMapping(value = "/staff/outbox", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String page() {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Courriels / E-mails</title>
                <style>body{font-family:sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;margin-bottom:2rem}
                td,th{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}
                button:focus{outline:3px solid #1b1b1b}</style></head><body>
                <h1>Courriels <span lang="nl">/ E-mails</span></h1>
                """);
        table(html, "À traiter / Te behandelen", administration.needingAttention(), true);
        table(html, "Envoyés / Verzonden", administration.delivered(), false);
        return html.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder html, String caption, List<OutboxMessage> messages, boolean actions) {
        html.append("<table><caption>").append(caption).append(" (").append(messages.size()).append(")</caption>")
                .append("<thead><tr><th scope=\"col\">#</th><th scope=\"col\">État / Status</th>")
                .append("<th scope=\"col\">Destinataire / Ontvanger</th><th scope=\"col\">Objet / Onderwerp</th>")
                .append("<th scope=\"col\">Essais / Pogingen</th><th scope=\"col\">Erreur / Fout</th>")
                .append(actions ? "<th scope=\"col\">Action / Actie</th>" : "<th scope=\"col\">Envoyé / Verzonden</th>")
                .append("</tr></thead><tbody>\n");
        for (OutboxMessage m : messages) {
            html.append("<tr><td>").append(m.getId()).append("</td><td>").append(m.getStatus()).append("</td><td>")
                    .append(HtmlUtils.htmlEscape(m.getRecipient(), "UTF-8")).append("</td><td>")
                    .append(HtmlUtils.htmlEscape(m.getSubject(), "UTF-8")).append("</td><td>").append(m.getAttempts())
                    .append("</td><td>").append(m.getLastError() == null ? "" : HtmlUtils.htmlEscape(m.getLastError(), "UTF-8"))
                    .append("</td><td>");
            if (actions && m.getStatus() == OutboxMessage.Status.FAILED) {
                html.append("<form method=\"post\" action=\"/staff/outbox/").append(m.getId())
                        .append("/retry\"><button type=\"submit\">Réessayer / Opnieuw</button></form>");
            } else if (!actions && m.getSentAt() != null) {
                html.append(Deadlines.display(m.getSentAt()));
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    @PostMapping("/staff/outbox/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable Long id) {
        administration.retry(id);
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/staff/outbox").build();
    }
}
