package io.tocsin.cap.mapping;

import io.tocsin.cap.CapIssue;
import io.tocsin.domain.Problem;
import java.util.List;

/**
 * A CAP message that cannot be imported, with a stable problem code, its HTTP status and the findings (each with an
 * XPath into the message). The HTTP layer writes it as problem+json with an {@code errors} array.
 */
public final class CapImportException extends RuntimeException {
    /** The CAP problems; their codes are entries of the one catalogue, {@link Problem}. */
    public enum Kind {
        /** Not XML, refused by the secure parser (a DOCTYPE, too large), not CAP 1.2, or failing the validator. */
        INVALID_CAP(Problem.INVALID_CAP),
        /** Valid CAP that does not say what Tocsin needs (no info, no known threat, no area in Ukraine, msgType). */
        CAP_UNMAPPABLE(Problem.CAP_UNMAPPABLE),
        /** A geocode names no region of Ukraine. */
        UNKNOWN_REGION(Problem.UNKNOWN_REGION),
        /** An Update or Cancel whose references name no message imported here. */
        CAP_UNKNOWN_REFERENCE(Problem.CAP_UNKNOWN_REFERENCE);

        private final Problem problem;

        Kind(Problem problem) {
            this.problem = problem;
        }

        public int status() {
            return problem.status();
        }

        public String code() {
            return problem.code();
        }

        public String title() {
            return problem.title();
        }
    }

    private final Kind kind;
    private final transient List<CapIssue> errors;

    public CapImportException(Kind kind, String detail, List<CapIssue> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /** One finding, which is also the detail. */
    static CapImportException at(Kind kind, String code, String xpath, String message) {
        CapIssue.Category category = kind == Kind.INVALID_CAP ? CapIssue.Category.SCHEMA : CapIssue.Category.SEMANTIC;
        return new CapImportException(kind, message, List.of(new CapIssue(category, code, xpath, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<CapIssue> errors() {
        return errors;
    }
}
