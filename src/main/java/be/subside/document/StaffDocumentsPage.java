package be.subside.document;

import be.subside.identity.SecurityConfiguration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The documents of a case as a page for staff, linked from the Tasklist forms ({@code /staff/cases/REF/documents}):
 * every current document with its version, size, SHA-256 and a download link. Same checks as the API.
 */
@RestController
class StaffDocumentsPage {

    private final DocumentService documents;

    StaffDocumentsPage(DocumentService documents) {
        this.documents = documents;
    }

    @GetMapping(value = "/staff/cases/{reference}/documents", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String page(@PathVariable String reference, Authentication authentication) {
        List<Document> list = documents.list(reference, SecurityConfiguration.caller(authentication));
        String ref = HtmlUtils.htmlEscape(reference, "UTF-8");
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Pièces du dossier / Stukken van het dossier %s</title>
                <style>body{font-family:sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse}
                td,th{border:1px solid #767676;padding:.4rem;text-align:left}code{font-size:.8rem}
                a{color:#0b4f9c}a:focus{outline:3px solid #1b1b1b}</style></head><body>
                <h1>Pièces du dossier <span lang="nl">/ Stukken van het dossier</span> %s</h1>
                <table><caption>%d document(s)</caption><thead><tr><th scope="col">Étape / Fase</th>
                <th scope="col">Pièce / Stuk</th><th scope="col">Fichier / Bestand</th><th scope="col">Version / Versie</th>
                <th scope="col">Taille / Grootte</th><th scope="col">SHA-256</th></tr></thead><tbody>
                """.formatted(ref, ref, list.size()));
        for (Document d : list) {
            html.append("<tr><td>").append(d.getStage()).append("</td><td>").append(HtmlUtils.htmlEscape(d.getSlotKey(), "UTF-8"))
                    .append("</td><td><a href=\"/api/documents/").append(d.getId()).append("/content\">")
                    .append(HtmlUtils.htmlEscape(d.getFileName(), "UTF-8")).append("</a></td><td>").append(d.getVersion())
                    .append(d.isFrozen() ? " (figée / vastgelegd)" : "").append("</td><td>").append(d.getSize())
                    .append(" B</td><td><code>").append(d.getSha256()).append("</code></td></tr>\n");
        }
        return html.append("</tbody></table></body></html>\n").toString();
    }
}
