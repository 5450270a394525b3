package be.subside.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} as RFC 6266 has it: an ASCII {@code filename} for old clients and the exact
 * name as {@code filename*} (RFC 8187 percent-encoded UTF-8). No RFC 2047 encoded words, which RFC 6266 forbids.
 */
public final class ContentDispositions {

    private ContentDispositions() {
    }

    /** The response that sends a document as a download: exact type and length, RFC 6266 name, no sniffing, no cache. */
    public static org.springframework.http.ResponseEntity<org.springframework.core.io.InputStreamResource> download(
            DocumentService.Download download) {
        Document document = download.document();
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(document.getMediaType()))
                .contentLength(document.getSize())
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, attachment(document.getFileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
                .eTag("\"" + document.getSha256() + "\"")
                .body(new org.springframework.core.io.InputStreamResource(download.content().open()));
    }

    public static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
                ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncode(fileName);
    }

    /** attr-char of RFC 8187 stays as is; every other byte of the UTF-8 form becomes %XX. */
    private static String percentEncode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
