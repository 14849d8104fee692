package io.tocsin.domain;

/** The all-clear, or the correction of a false alarm. EXPIRED is only ever set by the system. */
public record EndAlert(String alertId, EndReason reason) {
}
