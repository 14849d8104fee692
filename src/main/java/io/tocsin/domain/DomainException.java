package io.tocsin.domain;

/** A rule was broken; carries the catalogue entry the HTTP layer turns into problem+json. */
public class DomainException extends RuntimeException {
    private final Problem problem;

    public DomainException(Problem problem, String detail) {
        super(detail, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
