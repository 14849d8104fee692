package io.tocsin.log;

import io.tocsin.domain.Alert;

/**
 * The stored form of an event's alert: the bytes the hash chain covers. Separate from the API's JSON on purpose, so
 * that changing what clients see never changes what is stored or a stored hash. Each row names the version of the
 * codec that wrote it ({@code events.format}); a new stored form is a new version, and every old one stays readable
 * for as long as logs written with it exist.
 */
interface PayloadCodec {
    int version();

    String encode(Alert alert);

    Alert decode(String payload);

    /** The codec that wrote rows of {@code format}. */
    static PayloadCodec forFormat(int format) {
        if (format == PayloadCodecV1.VERSION) {
            return PayloadCodecV1.INSTANCE;
        }
        if (format == PayloadCodecV2.VERSION) {
            return PayloadCodecV2.INSTANCE;
        }
        throw new IllegalArgumentException("stored format " + format + " is newer than this release reads");
    }

    /** The codec new rows are written with. */
    static PayloadCodec current() {
        return PayloadCodecV1.INSTANCE;
    }
}
