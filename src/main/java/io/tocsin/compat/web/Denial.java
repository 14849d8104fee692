package io.tocsin.compat.web;

/**
 * Why a compatibility request is refused, for the API's own error format (not problem+json: each API's clients
 * parse their own, see docs/compat.md).
 *
 * @param retryAfter seconds for Retry-After, 0 for none
 */
public record Denial(int status, String message, long retryAfter) {
    public static Denial of(int status, String message) {
        return new Denial(status, message, 0);
    }
}
