package io.tocsin.cap;

import java.util.List;

/** What {@link CapInspector} returns for any file: a message verdict or a feed verdict. */
public sealed interface CapReport permits CapVerdict, CapFeedVerdict {

    /** The errors; empty when the document is acceptable. */
    List<CapIssue> issues();

    /** Remarks that do not make the document invalid (lenient acceptances, unverifiable signatures, …). */
    List<CapIssue> warnings();

    /** True when there is no error. */
    default boolean valid() {
        return issues().isEmpty();
    }

    /** True when some error is of the given category. */
    default boolean hasIssue(CapIssue.Category category) {
        return issues().stream().anyMatch(issue -> issue.category() == category);
    }
}
