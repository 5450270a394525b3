package be.subside.document;

import java.nio.file.Path;

/** An upload received into a temporary file: its size, SHA-256 and the media type its content shows. */
record StoredFile(Path path, long size, String sha256, String mediaType) {
}
