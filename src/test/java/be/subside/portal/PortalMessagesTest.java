package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every portal text and validation message exists in French and in Dutch, and nothing is left untranslated. */
class PortalMessagesTest {

    static Properties load(String resource) throws Exception {
        Properties properties = new Properties();
        try (var in = PortalMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @CsvSource({"i18n/portal.properties, i18n/portal_nl.properties",
        "i18n/validation_fr.properties, i18n/validation_nl.properties",
        "i18n/errors.properties, i18n/errors_nl.properties"})
    void bothLanguagesHaveTheSameKeys(String french, String dutch) throws Exception {
        Properties fr = load(french);
        Properties nl = load(dutch);
        assertThat(nl.stringPropertyNames()).isEqualTo(fr.stringPropertyNames());
        for (String key : fr.stringPropertyNames()) {
            assertThat(nl.getProperty(key)).as(key).isNotBlank();
            if (!key.equals("portal.name") && fr.getProperty(key).length() > 12) {
                assertThat(nl.getProperty(key)).as("%s is translated", key).isNotEqualTo(fr.getProperty(key));
            }
        }
    }

    /**
     * Every business error the code can raise has its text: the literal codes of every DomainException thrown in
     * src/main/java, and the generic text of codes built from a field name (field + ".missing").
     */
    @Test
    void everyErrorCodeOfTheCodeHasItsText() throws Exception {
        Set<String> codes = new TreeSet<>(Set.of("deadline.passed", "case.concurrentUpdate",
                "submission.missingPieces"));
        Pattern literal = Pattern.compile("(?:Exception|refused)\\(\\s*\"([a-zA-Z]+\\.[a-zA-Z.]+)\"");
        Pattern built = Pattern.compile("Exception\\([a-zA-Z.()]+ \\+ \"\\.([a-zA-Z]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = read(source);
                Matcher m = literal.matcher(code);
                while (m.find()) {
                    codes.add(m.group(1));
                }
                Matcher b = built.matcher(code);
                while (b.find()) {
                    codes.add(b.group(1));
                }
            }
        }
        assertThat(codes).as("codes found in the sources").hasSizeGreaterThan(60);
        for (String file : Set.of("i18n/errors.properties", "i18n/errors_nl.properties")) {
            Properties texts = load(file);
            assertThat(codes.stream().filter(c -> texts.getProperty("error." + c) == null).toList())
                    .as("codes without a text in %s", file).isEmpty();
        }
    }

    private static String read(Path source) {
        try {
            // joins "new XException(\n code" so that a code on the next line is found too
            return Files.readString(source).replaceAll("\\(\\s+", "(");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
