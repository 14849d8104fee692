package io.tocsin.cap;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Node;

/** Collects errors and warnings while one document is checked; not thread-safe, one per validation. */
final class Issues {
    private final List<CapIssue> errors = new ArrayList<>();
    private final List<CapIssue> warnings = new ArrayList<>();

    void error(CapIssue.Category category, String code, Node where, String message) {
        errors.add(new CapIssue(category, code, XPaths.of(where), message));
    }

    void error(CapIssue issue) {
        errors.add(issue);
    }

    void warn(CapIssue.Category category, String code, Node where, String message) {
        warnings.add(new CapIssue(category, code, XPaths.of(where), message));
    }

    void warn(CapIssue issue) {
        warnings.add(issue);
    }

    /** Adds the findings of an embedded document, their XPaths put under the embedding element's path. */
    void addEmbedded(CapReport report, String prefix) {
        report.issues().forEach(issue -> errors.add(issue.under(prefix)));
        report.warnings().forEach(issue -> warnings.add(issue.under(prefix)));
    }

    List<CapIssue> errors() {
        return List.copyOf(errors);
    }

    List<CapIssue> warnings() {
        return List.copyOf(warnings);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }
}
