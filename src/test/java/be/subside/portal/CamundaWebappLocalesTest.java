package be.subside.portal;

import static org.assertj.core.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tasklist, Cockpit and Admin in French and Dutch: every label of the webapp's own English file has its translation in ours,
 * none is left empty or English, and each keeps the placeholders ({{name}}) and links the webapp fills in.
 */
class CamundaWebappLocalesTest {

    static final String APPS = "META-INF/resources/webjars/camunda/app/";

    static JsonNode read(String resource) throws Exception {
        try (InputStream in = CamundaWebappLocalesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", ""));
        }
    }

    static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\\{\\s*\\w+\\s*}}|href=\"[^\"]*\"").matcher(text);
        while (m.find()) {
            found.add(m.group().replace(" ", ""));
        }
        return found;
    }

    @ParameterizedTest
    @CsvSource({"tasklist, fr", "tasklist, nl", "admin, fr", "admin, nl", "cockpit, fr", "cockpit, nl"})
    void everyLabelOfTheWebappIsTranslatedWithItsPlaceholders(String app, String language) throws Exception {
        JsonNode english = read(APPS + app + "/locales/en.json");
        JsonNode translated = read(APPS + app + "/locales/" + language + ".json");
        List<String> untranslated = new ArrayList<>();
        english.get("labels").fields().forEachRemaining(label -> {
            JsonNode ours = translated.get("labels").get(label.getKey());
            assertThat(ours).as("%s: %s", language, label.getKey()).isNotNull();
            assertThat(placeholders(ours.asText())).as("%s: placeholders of %s", language, label.getKey())
                    .containsExactlyInAnyOrderElementsOf(placeholders(label.getValue().asText()));
            if (label.getValue().asText().length() > 12 && ours.asText().equals(label.getValue().asText())) {
                untranslated.add(label.getKey());
            }
        });
        assertThat(untranslated).as("%s labels left in English", language).isEmpty();
        assertThat(translated.get("labels").size()).isEqualTo(english.get("labels").size());
        english.get("dateLocales").fieldNames().forEachRemaining(field ->
                assertThat(translated.get("dateLocales").has(field)).as("%s dateLocales.%s", language, field).isTrue());
    }
}
