package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
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
        "i18n/validation_fr.properties, i18n/validation_nl.properties"})
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
}
