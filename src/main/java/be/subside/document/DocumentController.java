package be.subside.document;

import be.subside.call.Stage;
import be.subside.identity.SecurityConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The documents of a case over HTTP. Thin: every check is the service's, against the authenticated caller. */
@RestController
class DocumentController {

    private final DocumentService documents;

    DocumentController(DocumentService documents) {
        this.documents = documents;
    }

    record DocumentView(Long id, String stage, String slot, String slotKey, int version, String fileName,
            String mediaType, long size, String sha256, Instant uploadedAt, boolean frozen, String contentUrl) {

        static DocumentView of(Document d) {
            return new DocumentView(d.getId(), d.getStage().name(), d.getSlot(), d.getSlotKey(), d.getVersion(),
                    d.getFileName(), d.getMediaType(), d.getSize(), d.getSha256(), d.getUploadedAt(), d.isFrozen(),
                    "/api/documents/" + d.getId() + "/content");
        }
    }

    @PostMapping("/api/applications/{reference}/documents")
    ResponseEntity<DocumentView> upload(@PathVariable String reference, @RequestParam Stage stage,
            @RequestParam String slot, @RequestParam(required = false) String partner,
            @RequestParam("file") MultipartFile file, Authentication authentication) {
        try (InputStream content = file.getInputStream()) {
            Document document = documents.upload(reference, authentication.getName(), stage, slot, partner,
                    file.getOriginalFilename(), content);
            return ResponseEntity.created(URI.create("/api/documents/" + document.getId() + "/content"))
                    .body(DocumentView.of(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/applications/{reference}/documents")
    List<DocumentView> list(@PathVariable String reference, Authentication authentication) {
        return documents.list(reference, SecurityConfiguration.caller(authentication)).stream().map(DocumentView::of)
                .toList();
    }

    @GetMapping("/api/documents/{id}/content")
    ResponseEntity<InputStreamResource> content(@PathVariable Long id, Authentication authentication) {
        return ContentDispositions.download(documents.open(id, SecurityConfiguration.caller(authentication)));
    }

    @DeleteMapping("/api/documents/{id}")
    ResponseEntity<Void> remove(@PathVariable Long id, Authentication authentication) {
        documents.remove(id, authentication.getName());
        return ResponseEntity.noContent().build();
    }
}
