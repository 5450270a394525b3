package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Camunda Tasklist renders our staff forms with form-js 1.8.7, which has no translations: what staff read is what the
 * form file says. Brussels administrations publish both languages side by side, so every text a staff form shows is
 * bilingual: a label, description or option label is "Français / Nederlands" (two different halves, the French one
 * first); a text component has, for every paragraph of French prose, one of Dutch prose (or is a "FR / NL" line).
 * The applicant forms are not held to this: the portal renders them in one language, from i18n/forms_nl.properties.
 */
class StaffFormLanguagesTest {

    static final Path FORMS = Path.of("forms");

    /** Words frequent in one language and absent from the other ("de" and "en" exist in both, so neither counts). */
    static final Set<String> FRENCH = Set.of("le", "la", "les", "l", "d", "du", "des", "un", "une", "et", "est", "à",
            "au", "aux", "pour", "dans", "par", "sur", "que", "qui", "ne", "pas", "ce", "cette", "ces", "son", "sa",
            "ses", "vous", "votre", "vos", "il", "elle", "avec", "chaque", "puis", "selon", "dont");
    static final Set<String> DUTCH = Set.of("het", "een", "van", "is", "voor", "op", "met", "dat", "die", "te",
            "niet", "zijn", "wordt", "worden", "aan", "uit", "bij", "of", "naar", "door", "ze", "u", "uw", "deze",
            "dit", "na", "om", "elk", "elke", "vervolgens", "volgens", "waarvan", "over");

    enum Language { FRENCH, DUTCH, NONE, MIXED }

    @ParameterizedTest
    @ValueSource(strings = {"check-admissibility", "check-eligibility", "evaluate-application", "select-applications",
            "analyse-subsidy-request", "decide-grant", "declare-conflict-of-interest"})
    void everyTextOfAStaffFormIsInFrenchAndInDutch(String formId) throws Exception {
        JsonNode form = new ObjectMapper().readTree(FORMS.resolve(formId + ".form").toFile());
        assertThat(form.path("id").asText()).isEqualTo(formId);
        List<String> problems = new ArrayList<>();
        components(form, component -> {
            String id = component.path("id").asText();
            for (String attribute : List.of("label", "description")) {
                if (component.hasNonNull(attribute)) {
                    pair(component.get(attribute).asText()).ifPresent(p -> problems.add(id + "." + attribute + ": " + p));
                }
            }
            for (JsonNode option : component.path("values")) {
                pair(option.path("label").asText()).ifPresent(p -> problems.add(id + " option "
                        + option.path("value").asText() + ": " + p));
            }
            if ("text".equals(component.path("type").asText())) {
                text(component.path("text").asText()).ifPresent(p -> problems.add(id + ".text: " + p));
            }
        });
        assertThat(problems).as("texts of %s without their Dutch part", formId).isEmpty();
    }

    /** The check itself holds a French-only text, a copied half and a reversed pair for what they are. */
    @Test
    void theCheckRefusesWhatIsNotBilingual() {
        assertThat(pair("Décision de recevabilité")).isPresent();
        assertThat(pair("Dossier / Dossier")).isPresent();
        assertThat(pair("Beslissing over de ontvankelijkheid / Décision sur la recevabilité")).isPresent();
        assertThat(pair("Décision de recevabilité / Beslissing over de ontvankelijkheid")).isEmpty();
        assertThat(text("### Évaluation du projet\n\nAttribuez une note de 0 à 20 pour chacun des critères.")).isPresent();
        assertThat(text("### Évaluation du projet / Evaluatie van het project\n\nAttribuez une note pour chaque critère."
                + "\n\nKen een score toe voor elk criterium.")).isEmpty();
        assertThat(text("{{#if applicationReference}}Dossier : **{{applicationReference}}**{{/if}}")).isEmpty();
    }

    static void components(JsonNode container, Consumer<JsonNode> action) {
        for (JsonNode component : container.path("components")) {
            action.accept(component);
            components(component, action);
        }
    }

    /** Empty when {@code text} is "French / Dutch"; else what is wrong with it. */
    static java.util.Optional<String> pair(String text) {
        String[] halves = text.split(" / ", -1);
        if (halves.length != 2) {
            return java.util.Optional.of("not \"français / Nederlands\": " + text);
        }
        String french = halves[0].strip();
        String dutch = halves[1].strip();
        if (french.isEmpty() || dutch.isEmpty() || french.equalsIgnoreCase(dutch)) {
            return java.util.Optional.of("the two halves must both be there and differ: " + text);
        }
        if (language(french) == Language.DUTCH || language(dutch) == Language.FRENCH) {
            return java.util.Optional.of("French first, then Dutch: " + text);
        }
        return java.util.Optional.empty();
    }

    /**
     * Empty when every paragraph of French prose in a text component has its Dutch one, and headings or one-liners
     * with " / " are pairs; paragraphs without prose (a reference, a variable) need nothing.
     */
    static java.util.Optional<String> text(String markdown) {
        int french = 0;
        int dutch = 0;
        for (String paragraph : markdown.split("\\n\\s*\\n")) {
            String words = paragraph.replaceAll("\\{\\{[^}]*}}", " ").replaceAll("\\]\\([^)]*\\)", "]")
                    .replaceAll("^#+\\s*", "").strip();
            if (words.contains(" / ")) {
                java.util.Optional<String> problem = pair(words.replaceAll("[\\[\\]*]", ""));
                if (problem.isPresent()) {
                    return problem;
                }
                continue;
            }
            switch (language(words)) {
                case FRENCH -> french++;
                case DUTCH -> dutch++;
                case MIXED -> {
                    return java.util.Optional.of("a paragraph mixes French and Dutch: " + paragraph);
                }
                case NONE -> {
                }
            }
        }
        if (french != dutch) {
            return java.util.Optional.of(french + " paragraph(s) in French, " + dutch + " in Dutch: " + markdown);
        }
        return java.util.Optional.empty();
    }

    static Language language(String text) {
        List<String> words = Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+"));
        long fr = words.stream().filter(FRENCH::contains).count();
        long nl = words.stream().filter(DUTCH::contains).count();
        if (fr == 0 && nl == 0) {
            return Language.NONE;
        }
        return fr > 2 * nl ? Language.FRENCH : nl > 2 * fr ? Language.DUTCH : Language.MIXED;
    }
}
