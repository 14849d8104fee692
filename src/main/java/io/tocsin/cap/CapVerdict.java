package io.tocsin.cap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of validating one CAP message. Immutable.
 *
 * @param version   the CAP version of the message, when its root was a CAP alert
 * @param signature what became of its XML-DSig signatures
 * @param issues    the errors; the message is valid when there are none
 * @param warnings  remarks that do not make it invalid
 */
public record CapVerdict(Optional<CapVersion> version, SignatureStatus signature, List<CapIssue> issues,
                         List<CapIssue> warnings) implements CapReport {

    public CapVerdict {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(signature, "signature");
        issues = List.copyOf(issues);
        warnings = List.copyOf(warnings);
    }

    /** A message refused before its content could be looked at (not XML, too large, a DTD, not CAP). */
    static CapVerdict refused(List<CapIssue> issues) {
        return new CapVerdict(Optional.empty(), SignatureStatus.NOT_CHECKED, issues, List.of());
    }
}
