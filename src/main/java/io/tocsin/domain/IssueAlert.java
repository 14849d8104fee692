package io.tocsin.domain;

import java.time.Instant;
import java.util.List;

/** An operator's request to declare an alert. {@code subtype} and {@code expiresAt} may be null. */
public record IssueAlert(List<String> regions, Threat threat, Threat.Subtype subtype, Stage stage, Status status,
                         Texts texts, Instant expiresAt) {
    public IssueAlert {
        regions = regions == null ? List.of() : List.copyOf(regions);
        texts = texts == null ? Texts.EMPTY : texts;
    }
}
