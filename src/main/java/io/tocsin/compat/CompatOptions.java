package io.tocsin.compat;

import io.tocsin.config.Options;

/**
 * Options of the compatibility APIs (docs/compat.md); each is declared, with its default and the reason for it, in
 * {@link Options}.
 *
 * @param anonymous           {@link Options#COMPAT_ANONYMOUS}
 * @param perTokenPerMinute   {@link Options#COMPAT_PER_TOKEN}
 * @param perAddressPerMinute {@link Options#COMPAT_PER_ADDRESS}
 */
public record CompatOptions(boolean anonymous, int perTokenPerMinute, int perAddressPerMinute) {
    public static final CompatOptions DEFAULT = new CompatOptions(Options.COMPAT_ANONYMOUS.dflt(),
            Options.COMPAT_PER_TOKEN.dflt(), Options.COMPAT_PER_ADDRESS.dflt());

    public CompatOptions {
        if (perTokenPerMinute < 1 || perAddressPerMinute < 1) {
            throw new IllegalArgumentException("compat rate limits must be positive (" + Options.COMPAT_PER_TOKEN.env()
                    + ", " + Options.COMPAT_PER_ADDRESS.env() + ")");
        }
    }
}
