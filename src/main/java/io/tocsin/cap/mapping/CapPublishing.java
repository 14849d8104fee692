package io.tocsin.cap.mapping;

import io.tocsin.config.Options;
import java.time.Duration;

/**
 * What exported CAP says about its publisher and how long it holds: each value is declared, with its default and
 * the reason for it, in {@link Options}.
 *
 * @param senderName     {@link Options#CAP_SENDER_NAME}
 * @param contact        {@link Options#CAP_CONTACT}; null writes no {@code <contact>}
 * @param feedRetention  {@link Options#CAP_FEED_RETENTION}
 * @param expiresHorizon {@link Options#CAP_EXPIRES_HORIZON}
 */
public record CapPublishing(String senderName, String contact, Duration feedRetention, Duration expiresHorizon) {
    public static final CapPublishing DEFAULT = new CapPublishing(Options.CAP_SENDER_NAME.dflt(), null,
            Duration.ofHours(Options.CAP_FEED_RETENTION.dflt()),
            Duration.ofMinutes(Options.CAP_EXPIRES_HORIZON.dflt()));

    /**
     * How long after it was sent an all-clear or a cancel expires: consumers show the end for a while, then drop it
     * (Google: "an all-clear with expires a short time in the future").
     */
    public static final Duration END_EXPIRES = Duration.ofHours(1);

    public CapPublishing {
        if (senderName == null || senderName.isBlank()) {
            throw new IllegalArgumentException("the CAP sender name must not be empty (" + Options.CAP_SENDER_NAME.env()
                    + ")");
        }
        if (contact != null && contact.isBlank()) {
            contact = null;
        }
        if (feedRetention.compareTo(expiresHorizon) < 0) {
            // The feed must carry every live alert's latest message: renewals come every half horizon.
            throw new IllegalArgumentException("the CAP feed retention (" + Options.CAP_FEED_RETENTION.env() + ", "
                    + feedRetention.toHours() + " h) must be at least the expires horizon ("
                    + Options.CAP_EXPIRES_HORIZON.env() + ", " + expiresHorizon.toMinutes() + " min)");
        }
    }

    /** When an active alert is due for a renewal: half the horizon after its latest message. */
    public Duration renewAfter() {
        return expiresHorizon.dividedBy(2);
    }

    /** The same with another horizon and retention (tests shorten them). */
    public CapPublishing withTimes(Duration retention, Duration horizon) {
        return new CapPublishing(senderName, contact, retention, horizon);
    }

    /** The same with another name and contact. */
    public CapPublishing withSender(String name, String contactText) {
        return new CapPublishing(name, contactText, feedRetention, expiresHorizon);
    }
}
