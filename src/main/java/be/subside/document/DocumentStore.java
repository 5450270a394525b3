package be.subside.document;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where document bytes live, under keys the server generates. Writes and deletes take part in the caller's
 * transaction: a rolled-back upload leaves nothing behind, a deletion happens only if its transaction commits.
 */
public interface DocumentStore {

    /** The name recorded on each document, to read it back from the store that holds it. */
    String name();

    void write(String key, Path source);

    InputStream read(String key);

    void delete(String key);

    /** How many contents the store holds (for checks that nothing was orphaned). */
    long count();
}
