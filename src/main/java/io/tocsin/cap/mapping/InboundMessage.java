package io.tocsin.cap.mapping;

import io.tocsin.cap.CapReference;
import io.tocsin.cap.mapping.CapTerms.ThreatKind;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an imported CAP message says, in Tocsin's terms.
 *
 * @param capStatus  the CAP status as written (Actual, Exercise, Test, System, Draft)
 * @param status     Tocsin's status; empty for System and Draft, which are never published
 * @param action     what the message asks for
 * @param content    the alert it describes: present for ISSUE and UPDATE
 * @param endReason  for END: all_clear (an Update that ends), false_alarm (a Cancel) or expired
 */
public record InboundMessage(String sender, String identifier, String sent, String capStatus,
                             Optional<Status> status, Action action, List<CapReference> references,
                             Optional<Content> content, EndReason endReason) {

    /** What an imported message does to the local alert picture. */
    public enum Action {
        ISSUE, UPDATE, END;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The alert a message describes. {@code expires} may be null. */
    public record Content(List<String> regions, ThreatKind threat, Stage stage, Texts texts, Instant expires) {
        public Content {
            regions = List.copyOf(regions);
        }
    }

    public InboundMessage {
        references = List.copyOf(references);
    }
}
