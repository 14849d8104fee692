package io.tocsin.cap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of validating a feed. The issues include those of every embedded or resolved CAP message, with XPaths
 * that continue into the message ({@code /feed/entry[1]/content[1]/alert/identifier[1]}). Immutable.
 *
 * @param format   the feed format, when the root was recognised
 * @param entries  the entries in document order
 * @param issues   the errors; the feed is valid when there are none
 * @param warnings remarks that do not make it invalid
 */
public record CapFeedVerdict(Optional<FeedFormat> format, List<CapFeedEntry> entries, List<CapIssue> issues,
                             List<CapIssue> warnings) implements CapReport {
    public CapFeedVerdict {
        Objects.requireNonNull(format, "format");
        entries = List.copyOf(entries);
        issues = List.copyOf(issues);
        warnings = List.copyOf(warnings);
    }
}
