package be.subside.document;

import be.subside.shared.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

/**
 * Decides what an uploaded file is from its content, never from its name, and refuses what we do not take: other
 * types, archives, encrypted or corrupt PDFs, images too large to open, names whose extension says something else.
 * ZIP-based office files are told apart by their entry names only, so that a ZIP bomb is never inflated.
 */
@Component
class DocumentInspector {

    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String ODT = "application/vnd.oasis.opendocument.text";
    static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";

    /** Accepted media types and the extensions each may carry. */
    static final Map<String, Set<String>> EXTENSIONS = Map.of(
            PDF, Set.of("pdf"),
            DOCX, Set.of("docx"),
            XLSX, Set.of("xlsx"),
            ODT, Set.of("odt"),
            ODS, Set.of("ods"),
            PNG, Set.of("png"),
            JPEG, Set.of("jpg", "jpeg"));

    private static final Set<String> ARCHIVES = Set.of("application/zip", "application/x-7z-compressed",
            "application/x-rar-compressed", "application/vnd.rar", "application/gzip", "application/x-tar",
            "application/x-bzip2", "application/x-xz");
    private static final int MAX_ZIP_ENTRIES = 5_000;
    private static final int MAX_IMAGE_SIDE = 20_000;

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

    /** The media type of the file's content, once it is known to be one we take, under a name that agrees with it. */
    String inspect(Path file, String fileName) {
        String type = detect(file);
        if (ARCHIVES.contains(type)) {
            throw refused("document.archive", "Archives (" + type + ") are not accepted: send the documents themselves");
        }
        if (!EXTENSIONS.containsKey(type)) {
            throw refused("document.type", "This kind of file (" + type + ") is not accepted; send PDF, "
                    + "OpenDocument or Office documents and spreadsheets, PNG or JPEG");
        }
        String extension = FileNames.extension(fileName);
        if (!EXTENSIONS.get(type).contains(extension)) {
            throw refused("document.extension", "The file's content is " + label(type) + " but its name ends in '."
                    + extension + "'; name it ." + String.join(" or .", EXTENSIONS.get(type)));
        }
        switch (type) {
            case PDF -> checkPdf(file);
            case PNG, JPEG -> checkImage(file);
            default -> { }
        }
        return type;
    }

    private String detect(Path file) {
        String type;
        try (InputStream in = TikaInputStream.get(file)) {
            type = mimeTypes.detect(in, new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw refused("document.unreadable", "The file could not be read");
        }
        if (type.equals("application/zip") || type.equals("application/x-tika-ooxml")
                || type.startsWith("application/vnd.oasis.opendocument")) {
            return container(file);
        }
        return type;
    }

    /** OOXML and ODF are ZIP files: tell them apart by their entries, reading no more than the ODF mimetype entry. */
    private static String container(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ZIP_ENTRIES) {
                return "application/zip";
            }
            if (zip.getEntry("[Content_Types].xml") != null) {
                if (zip.getEntry("word/document.xml") != null) {
                    return DOCX;
                }
                if (zip.getEntry("xl/workbook.xml") != null) {
                    return XLSX;
                }
                return "application/x-tika-ooxml";
            }
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                try (InputStream in = zip.getInputStream(mimetype)) {
                    String declared = new String(in.readNBytes(100), StandardCharsets.US_ASCII).strip();
                    if (declared.equals(ODT) || declared.equals(ODS)) {
                        return declared;
                    }
                }
            }
            return "application/zip";
        } catch (IOException e) {
            throw refused("document.corrupt", "The file looks like a ZIP-based document but cannot be opened");
        }
    }

    private static void checkPdf(Path file) {
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()))) {
            if (pdf.isEncrypted()) {
                throw refused("document.encrypted", "The PDF is encrypted or password-protected; send it unprotected");
            }
            if (pdf.getNumberOfPages() == 0) {
                throw refused("document.corrupt", "The PDF has no pages");
            }
        } catch (InvalidPasswordException e) {
            throw refused("document.encrypted", "The PDF is encrypted or password-protected; send it unprotected");
        } catch (IOException e) {
            throw refused("document.corrupt", "The PDF is damaged and cannot be opened");
        }
    }

    private static void checkImage(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw refused("document.corrupt", "The image cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                if (reader.getWidth(0) > MAX_IMAGE_SIDE || reader.getHeight(0) > MAX_IMAGE_SIDE) {
                    throw refused("document.imageTooLarge", "The image is larger than " + MAX_IMAGE_SIDE
                            + " pixels on a side");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw refused("document.corrupt", "The image is damaged and cannot be read");
        }
    }

    private static String label(String type) {
        return switch (type) {
            case PDF -> "a PDF";
            case DOCX, ODT -> "a text document";
            case XLSX, ODS -> "a spreadsheet";
            default -> "an image";
        };
    }

    private static InvalidInputException refused(String code, String message) {
        return new InvalidInputException(code, "file", message);
    }
}
