package be.subside.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Documents as files under one directory, for large deployments. A file is in place before its row commits and is
 * removed again if the transaction rolls back; a deleted document's file goes once the deletion has committed.
 */
@Component
class FilesystemDocumentStore implements DocumentStore {

    static final String NAME = "FILESYSTEM";
    private static final Logger log = LoggerFactory.getLogger(FilesystemDocumentStore.class);

    private final Path root;

    FilesystemDocumentStore(@Value("${subside.documents.filesystem-root:${java.io.tmpdir}/subside-documents}") Path root) {
        this.root = root.toAbsolutePath();
    }

    @Override
    public String name() {
        return NAME;
    }

    Path root() {
        return root;
    }

    private Path path(String key) {
        if (!key.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    @Override
    public void write(String key, Path source) {
        requireTransaction();
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(key + ".partial");
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store document " + key, e);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    remove(target);
                }
            }
        });
    }

    @Override
    public InputStream read(String key) {
        try {
            return Files.newInputStream(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read document " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        requireTransaction();
        Path target = path(key);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                remove(target);
            }
        });
    }

    @Override
    public long count() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.error("Could not remove document file {}; remove it by hand", file, e);
        }
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Document files are written and deleted inside a transaction");
        }
    }
}
