package io.tocsin.compat.locations;

/**
 * One place in the numbering that alerts.in.ua and ukrainealarm share, and the Tocsin region it is.
 *
 * @param uid       the alerts.in.ua {@code location_uid} (29 for Crimea)
 * @param uaId      the ukrainealarm {@code regionId} (9999 for Crimea), or null where ukrainealarm has none
 * @param kind      the level
 * @param nameUk    the name those APIs use (hromadas keep their "м. X та …" form, raions their current name)
 * @param region    the Tocsin region's public code
 * @param oblastUid the uid of the oblast-level location it lies in (itself for an oblast)
 * @param raionUid  the uid of its raion (itself for a raion), 0 for an oblast
 */
public record Location(int uid, String uaId, Kind kind, String nameUk, String region, int oblastUid, int raionUid) {
    public enum Kind {
        OBLAST("oblast", "State"), RAION("raion", "District"), HROMADA("hromada", "Community");

        private final String alertsInUa;
        private final String ukraineAlarm;

        Kind(String alertsInUa, String ukraineAlarm) {
            this.alertsInUa = alertsInUa;
            this.ukraineAlarm = ukraineAlarm;
        }

        /** alerts.in.ua's {@code location_type}. */
        public String alertsInUa() {
            return alertsInUa;
        }

        /** ukrainealarm's {@code regionType}. */
        public String ukraineAlarm() {
            return ukraineAlarm;
        }
    }
}
