package be.subside.document;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.call.Stage;
import be.subside.identity.Organisation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Upload throughput and memory for ~20 MiB PDFs, both stores, on PostgreSQL. Run: {@code mvn -Pbench verify}. Prints a
 * table and writes target/bench/document-uploads.csv. Measures; asserts nothing about time.
 */
@Tag("bench")
@IntegrationTest
class DocumentUploadBenchmark {

    static final int UPLOADS = 8;

    @Autowired
    DocumentService documents;
    @Autowired
    ApplicationService applications;
    @Autowired
    Fixtures fixtures;

    @Test
    void uploadThroughputAndMemory() throws Exception {
        Path pdf = bigPdf();
        long size = Files.size(pdf);
        Call call = fixtures.openCall();
        Organisation lead = fixtures.organisation(Administration.COCOF);
        Application draft = fixtures.draft(call, lead);
        List<String> rows = new ArrayList<>();
        rows.add("store,uploads,file_bytes,seconds,mib_per_s,peak_heap_above_baseline_mib,allocated_mib_per_upload");
        documents.limitApplicationSize(Long.MAX_VALUE);
        try {
            for (String store : List.of(DatabaseDocumentStore.NAME, FilesystemDocumentStore.NAME)) {
                documents.useStore(store);
                upload(draft, lead, pdf); // warm-up
                rows.add(measure(store, draft, lead, pdf, size));
            }
        } finally {
            documents.useStore(DatabaseDocumentStore.NAME);
            documents.limitApplicationSize(200L << 20);
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%n== document uploads: %d cores, max heap %d MiB, PostgreSQL (embedded) on loopback%n",
                runtime.availableProcessors(), runtime.maxMemory() >> 20);
        rows.forEach(row -> System.out.println(row.replace(",", "\t")));
        Path out = Path.of("target", "bench", "document-uploads.csv");
        Files.createDirectories(out.getParent());
        Files.write(out, rows);
        Files.delete(pdf);
    }

    private String measure(String store, Application draft, Organisation lead, Path pdf, long size) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        });
        sampler.start();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < UPLOADS; i++) {
            upload(draft, lead, pdf);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        running.set(false);
        sampler.join();
        double mib = size * (double) UPLOADS / (1 << 20);
        return String.format(java.util.Locale.ROOT, "%s,%d,%d,%.2f,%.1f,%.1f,%.1f", store, UPLOADS, size, seconds,
                mib / seconds, (peak.get() - baseline) / (double) (1 << 20), allocated / (double) UPLOADS / (1 << 20));
    }

    private void upload(Application draft, Organisation lead, Path pdf) throws IOException {
        try (InputStream in = Files.newInputStream(pdf)) {
            documents.upload(draft.getReference(), Fixtures.user(lead), Stage.STAGE1, Document.OTHER, null,
                    "plan-20mib.pdf", in);
        }
    }

    /** A valid PDF of about 19.5 MiB: one page showing an image of random pixels (incompressible). */
    private static Path bigPdf() throws IOException {
        Path file = Files.createTempFile("bench-", ".pdf");
        BufferedImage image = new BufferedImage(2600, 2600, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(LosslessFactory.createFromImage(document, image), 0, 0, 600, 600);
            }
            document.save(file.toFile());
        }
        return file;
    }
}
