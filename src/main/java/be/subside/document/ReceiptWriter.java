package be.subside.document;

import be.subside.application.Application;
import be.subside.application.Stage2Content;
import be.subside.call.Stage;
import be.subside.identity.EnterpriseNumber;
import be.subside.identity.Organisation;
import be.subside.shared.Deadlines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

/**
 * The acknowledgement of receipt (accusé de réception / ontvangstbewijs) of a submitted stage, in French and Dutch:
 * the call, the reference, the organisation, the time of receipt in Brussels, every document with its SHA-256, and a
 * summary of the form data. Reproducible: the same submission gives the same bytes (no clock, no random id).
 */
@Component
class ReceiptWriter {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    byte[] write(Application application, Stage stage, java.time.Instant receivedAt, List<Document> documents) {
        List<Line> lines = lines(application, stage, receivedAt, documents);
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
            PDPageContentStream page = null;
            float y = 0;
            for (Line line : lines) {
                PDType1Font font = switch (line.style()) {
                    case TITLE, HEADING -> bold;
                    case HASH -> mono;
                    default -> regular;
                };
                float size = line.style() == Style.TITLE ? 15 : line.style() == Style.HASH ? 8 : 10;
                for (String text : wrap(encodable(line.text(), font), font, size)) {
                    if (page == null || y < MARGIN + size) {
                        if (page != null) {
                            page.close();
                        }
                        PDPage next = new PDPage(PDRectangle.A4);
                        pdf.addPage(next);
                        page = new PDPageContentStream(pdf, next);
                        y = PDRectangle.A4.getHeight() - MARGIN;
                    }
                    y -= size * 1.4f + (line.style() == Style.HEADING ? 6 : 0);
                    page.beginText();
                    page.setFont(font, size);
                    page.newLineAtOffset(MARGIN, y);
                    page.showText(text);
                    page.endText();
                }
            }
            if (page != null) {
                page.close();
            }
            PDDocumentInformation info = pdf.getDocumentInformation();
            String title = "Accusé de réception / Ontvangstbewijs " + application.getReference() + " " + stage;
            info.setTitle(encodable(title, regular));
            info.setProducer("subside");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.setTimeInMillis(receivedAt.toEpochMilli());
            info.setCreationDate(created);
            info.setModificationDate(created);
            byte[] id = sha256(lines.stream().map(Line::text).collect(Collectors.joining("\n")));
            COSArray ids = new COSArray();
            ids.add(new COSString(java.util.Arrays.copyOf(id, 16)));
            ids.add(new COSString(java.util.Arrays.copyOf(id, 16)));
            pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the receipt of " + application.getReference(), e);
        }
    }

    enum Style { TITLE, HEADING, TEXT, HASH }

    record Line(Style style, String text) {
    }

    private static List<Line> lines(Application application, Stage stage, java.time.Instant receivedAt,
            List<Document> documents) {
        List<Line> lines = new ArrayList<>();
        Organisation lead = application.getLeadOrganisation();
        lines.add(new Line(Style.TITLE, "Accusé de réception / Ontvangstbewijs"));
        lines.add(new Line(Style.TEXT, stage == Stage.STAGE1
                ? "Dossier de candidature préalable / Voorafgaand kandidaatsdossier"
                : "Demande de subvention / Subsidieaanvraag"));
        lines.add(new Line(Style.TEXT, application.getCall().getTitleFr()));
        lines.add(new Line(Style.TEXT, application.getCall().getTitleNl()));
        lines.add(new Line(Style.HEADING, "Référence / Referentie: " + application.getReference()));
        lines.add(new Line(Style.TEXT, "Reçu le / Ontvangen op: " + Deadlines.display(receivedAt)));
        lines.add(new Line(Style.TEXT, "Organisation / Organisatie: " + lead.getName() + " ("
                + EnterpriseNumber.format(lead.getEnterpriseNumber()) + ")"));
        for (Organisation partner : application.getPartners()) {
            lines.add(new Line(Style.TEXT, "Partenaire / Partner: " + partner.getName() + " ("
                    + EnterpriseNumber.format(partner.getEnterpriseNumber()) + ")"));
        }
        lines.add(new Line(Style.HEADING, "Données du formulaire / Gegevens van het formulier"));
        lines.add(new Line(Style.TEXT, "Titre / Titel: " + application.getTitle()));
        lines.add(new Line(Style.TEXT, "Mutualisations / Mutualiseringen: " + application.getMeasures().stream()
                .map(Enum::name).sorted().collect(Collectors.joining(", "))));
        lines.add(new Line(Style.TEXT, "Objectifs / Doelstellingen: " + application.getAims().stream()
                .map(Enum::name).sorted().collect(Collectors.joining(", "))));
        lines.add(new Line(Style.TEXT, "Montant demandé / Gevraagd bedrag: " + euros(application.getRequestedAmount())));
        lines.add(new Line(Style.TEXT, "Résumé / Samenvatting: " + application.getSummary()));
        Stage2Content stage2 = application.getStage2();
        if (stage == Stage.STAGE2 && stage2 != null) {
            lines.add(new Line(Style.TEXT, "Budget total / Totale begroting: " + euros(stage2.detailedBudgetTotal())));
            lines.add(new Line(Style.TEXT, "Subvention demandée / Gevraagde subsidie: " + euros(stage2.requestedAmount())));
            lines.add(new Line(Style.TEXT, "Début / Start: " + stage2.projectStartDate() + ", durée / duur: "
                    + stage2.durationMonths() + " mois / maanden"));
        }
        lines.add(new Line(Style.HEADING, "Documents reçus / Ontvangen documenten (" + documents.size() + ")"));
        for (Document document : documents) {
            lines.add(new Line(Style.TEXT, document.getSlotKey() + " v" + document.getVersion() + " — "
                    + document.getFileName() + " — " + document.getSize() + " bytes"));
            lines.add(new Line(Style.HASH, "SHA-256 " + document.getSha256()));
        }
        return lines;
    }

    /** Amounts as stored (two decimals), whatever scale the caller's BigDecimal had. */
    private static String euros(java.math.BigDecimal amount) {
        return amount == null ? "-" : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " EUR";
    }

    /** Replaces what the standard PDF font cannot show (it covers French and Dutch) by '?'. */
    private static String encodable(String text, PDType1Font font) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IllegalArgumentException | IOException e) {
                out.append(Character.isWhitespace(cp) ? " " : "?");
            }
        });
        return out.toString();
    }

    private static List<String> wrap(String text, PDType1Font font, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > WIDTH && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
