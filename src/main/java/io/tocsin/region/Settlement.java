package io.tocsin.region;

/**
 * A city, town or village of the codifier (categories M, X, C). Alerts are not declared for settlements; a person
 * looking for one is shown the hromada it belongs to.
 *
 * @param hromada the code of the hromada the settlement lies in
 */
public record Settlement(String katotth, Kind kind, String nameUk, String nameEn, String hromada) {
    /** The codifier's settlement categories, in the order a search ranks them. */
    public enum Kind {
        CITY('M'), SETTLEMENT('X'), VILLAGE('C');

        private final char category;

        Kind(char category) {
            this.category = category;
        }

        static Kind of(char category) {
            for (Kind k : values()) {
                if (k.category == category) {
                    return k;
                }
            }
            return null;
        }

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
