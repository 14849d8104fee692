package io.tocsin.cap;

/** What the validator made of the XML-DSig signatures of a message, whatever the signature policy. */
public enum SignatureStatus {
    /** Validation stopped before signatures were looked at (not XML, not CAP, …). */
    NOT_CHECKED,
    /** The message carries no signature. */
    UNSIGNED,
    /**
     * Signatures are present but none could be evaluated (SHA-1, an empty or malformed signature, a part-document
     * reference): they prove nothing either way, so they count as absent.
     */
    UNVERIFIABLE,
    /** At least one signature was verified and none failed. */
    VERIFIED,
    /** A signature failed: bad digest, bad signature value, bad or unusable certificate. */
    INVALID
}
