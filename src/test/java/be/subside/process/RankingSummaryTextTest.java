package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * An organisation's name goes into the committee's ranking, which form-js shows as Markdown with HTML: it must read as
 * itself (TasklistEscapingBrowserTest checks it in the real Tasklist; this checks the text without a browser).
 */
class RankingSummaryTextTest {

    @Test
    void punctuationBecomesCharacterReferencesSoNothingReadsAsMarkupOrMarkdown() {
        assertThat(CallSteps.literal("ASBL <img src=x onerror=alert(1)> **gras** [lien](https://evil.example)"))
                .isEqualTo("ASBL &#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62; &#42;&#42;gras&#42;&#42; "
                        + "&#91;lien&#93;&#40;https&#58;&#47;&#47;evil&#46;example&#41;");
        assertThat(CallSteps.literal("www.evil.example")).isEqualTo("www&#46;evil&#46;example");
    }

    @Test
    void lineBreaksCannotStartABlockAndLettersStayAsTheyAre() {
        assertThat(CallSteps.literal("ASBL\n# Titre\r\n---\u2028x")).isEqualTo("ASBL &#35; Titre  &#45;&#45;&#45; x");
        assertThat(CallSteps.literal("Les Ateliers du Midi 2030 éàü Ærø")).isEqualTo("Les Ateliers du Midi 2030 éàü Ærø");
    }
}
