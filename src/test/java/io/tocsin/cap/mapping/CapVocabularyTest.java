package io.tocsin.cap.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cap.mapping.CapTerms.Lang;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Threat;
import org.junit.jupiter.api.Test;

/** The words Tocsin writes fit what consumers accept: Google wants an event under 35 characters. */
class CapVocabularyTest {
    @Test
    void everyEventTermIsShorterThan35CharactersInBothLanguages() {
        for (Threat t : Threat.values()) {
            for (Threat.Subtype s : Threat.Subtype.values()) {
                for (Lang lang : Lang.values()) {
                    String event = CapTerms.event(t, s, lang);
                    assertThat(event.codePointCount(0, event.length())).as(t + " " + s + " " + lang + ": " + event)
                            .isLessThan(35);
                }
            }
        }
    }

    @Test
    void aFalseAlarmSaysWhatGooglesCancellationExampleSays() {
        assertThat(CapTerms.endSeverity(EndReason.FALSE_ALARM)).isEqualTo("Unknown");
        assertThat(CapTerms.endCertainty(EndReason.FALSE_ALARM)).isEqualTo("Unlikely");
        assertThat(CapTerms.endResponseType(EndReason.FALSE_ALARM)).contains("None");
        assertThat(CapTerms.endResponseType(EndReason.ALL_CLEAR)).contains("AllClear");
        assertThat(CapTerms.endCertainty(EndReason.ALL_CLEAR)).isEqualTo("Observed");
    }
}
