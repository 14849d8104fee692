package io.tocsin.cap;

/** The secure parser refused a document; {@link #issue()} says why and in which category. */
public final class XmlRefusedException extends Exception {
    private final transient CapIssue issue;

    XmlRefusedException(CapIssue issue, Throwable cause) {
        super(issue.message(), cause);
        this.issue = issue;
    }

    /** The refusal as a validation issue (category security for a DTD or a limit, schema for malformed XML). */
    public CapIssue issue() {
        return issue;
    }
}
