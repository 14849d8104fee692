package io.tocsin.push.webhook;

import java.time.Instant;

/**
 * One delivery attempt as the delivery log keeps it.
 *
 * @param status  the receiver's HTTP status, or null when there was none (refused, timed out, unreachable)
 * @param outcome {@code delivered}, {@code failed}, {@code refused} (the SSRF guard), {@code gone} (410: disabled)
 */
public record DeliveryRecord(long id, String webhookId, String messageId, long seq, int attempt, Instant at,
                             Integer status, long latencyMs, String outcome, String error) {
}
