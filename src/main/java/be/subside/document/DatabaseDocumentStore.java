package be.subside.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Documents in the database, in 1 MiB chunks: written and read a chunk at a time (never a whole file in memory), in
 * the same transaction as the case, deleted as plain rows. Works on PostgreSQL and on the embedded H2.
 */
@Component
class DatabaseDocumentStore implements DocumentStore {

    static final String NAME = "DATABASE";
    static final int CHUNK = 1024 * 1024;

    private final JdbcTemplate jdbc;

    DatabaseDocumentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(String key, Path source) {
        try (InputStream in = Files.newInputStream(source)) {
            byte[] buffer = new byte[CHUNK];
            int seq = 0;
            int read;
            while ((read = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                byte[] chunk = read == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, read);
                jdbc.update("insert into document_chunk (storage_key, seq, data) values (?, ?, ?)", key, seq++, chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store document " + key, e);
        }
    }

    @Override
    public InputStream read(String key) {
        List<Integer> chunks = jdbc.queryForList(
                "select seq from document_chunk where storage_key = ? order by seq", Integer.class, key);
        return new InputStream() {
            private int next;
            private byte[] current = new byte[0];
            private int position;

            private boolean fill() {
                while (position >= current.length) {
                    if (next >= chunks.size()) {
                        return false;
                    }
                    current = jdbc.queryForObject("select data from document_chunk where storage_key = ? and seq = ?",
                            byte[].class, key, chunks.get(next++));
                    position = 0;
                }
                return true;
            }

            @Override
            public int read() {
                return fill() ? current[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, current.length - position);
                System.arraycopy(current, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void delete(String key) {
        jdbc.update("delete from document_chunk where storage_key = ?", key);
    }

    @Override
    public long count() {
        return jdbc.queryForObject("select count(distinct storage_key) from document_chunk", Long.class);
    }
}
