package io.tocsin.cap.mapping;

import io.tocsin.cap.CapVersion;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Threat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The fixed vocabulary between Tocsin's alert model and CAP 1.2, in one place so that export and import cannot
 * drift apart. The table is documented in docs/cap.md ("Mapping").
 */
public final class CapTerms {
    /** The CAP 1.2 namespace: Tocsin writes and imports only 1.2. */
    public static final String NS = CapVersion.V1_2.namespace();
    /** valueName of the eventCode that carries the exact threat, e.g. {@code air_raid:drones}. */
    public static final String EVENT_CODE = "TOCSIN";
    /** valueName of the parameter that carries the stage ({@code pre_alert}, {@code alert}). */
    public static final String STAGE = "TOCSIN_STAGE";
    /** valueName of the parameter that carries the end reason on the message that ends an alert. */
    public static final String END_REASON = "TOCSIN_END_REASON";
    /** valueName of the parameter that names the alert on the exporting instance (for people; not used to link). */
    public static final String ALERT_ID = "TOCSIN_ALERT_ID";
    /**
     * valueName of an eventCode from the OASIS Event Terms List (CAP-ETL v1.2). Written where the table in
     * {@link #oasisEventCode} has a term; see docs/cap.md for why it has none yet.
     */
    public static final String OET = "OET:v1.2";
    /**
     * valueName of the parameter that carries the alert's own expiry ({@link #NO_EXPIRY} when it has none), apart
     * from {@code <expires>}, which for an alert without one is the renewal horizon: a Tocsin importing the message
     * then keeps the alert open-ended instead of ending it at the horizon.
     */
    public static final String EXPIRES_AT = "TOCSIN_EXPIRES_AT";
    public static final String NO_EXPIRY = "none";
    /** valueName of the parameter that cites an imported message a version derives from: sender,identifier,sent. */
    public static final String ORIGIN = "TOCSIN_ORIGIN";
    /** Geocode valueNames written on export. */
    public static final String ISO = "ISO3166-2";
    public static final String KATOTTH = "KATOTTH";

    /** Times are written in Kyiv local time with its explicit offset: never "Z", never a fraction. */
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    private static final DateTimeFormatter CAP_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private CapTerms() {
    }

    /** The two languages of every exported message, one {@code <info>} each. */
    public enum Lang {
        UK("uk"), EN("en");

        private final String code;

        Lang(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        String pick(String uk, String en) {
            return this == UK ? uk : en;
        }
    }

    /** The instants a CAP date-time (a four-digit year) can express, with a day to spare for any offset. */
    private static final Instant FIRST_EXPRESSIBLE = Instant.parse("0001-01-02T00:00:00Z");
    private static final Instant LAST_EXPRESSIBLE = Instant.parse("9999-12-30T00:00:00Z");

    /**
     * Whether {@link #time} can write {@code t}: an expiry stored before times were bounded (the year 1000000000
     * was once accepted) is left out of the message instead of failing its export.
     */
    static boolean expressible(Instant t) {
        return !t.isAfter(LAST_EXPRESSIBLE) && !t.isBefore(FIRST_EXPRESSIBLE);
    }

    /** A CAP date-time such as {@code 2024-05-01T14:03:00+03:00}. */
    public static String time(Instant t) {
        return CAP_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(KYIV));
    }

    static Instant parseTime(String s) {
        return OffsetDateTime.parse(s.strip()).toInstant();
    }

    static String status(Status s) {
        return switch (s) {
            case ACTUAL -> "Actual";
            case EXERCISE -> "Exercise";
            case TEST -> "Test";
        };
    }

    /** Tocsin's status for a CAP status; empty for System and Draft, which are never published. */
    static Optional<Status> status(String cap) {
        return switch (cap.strip()) {
            case "Actual" -> Optional.of(Status.ACTUAL);
            case "Exercise" -> Optional.of(Status.EXERCISE);
            case "Test" -> Optional.of(Status.TEST);
            default -> Optional.empty();
        };
    }

    static String category(Threat t) {
        return switch (t) {
            case AIR_RAID, ARTILLERY, URBAN_FIGHTS -> "Security";
            case CHEMICAL, NUCLEAR -> "CBRNE";
            case INFO -> "Safety";
        };
    }

    /** The eventCode value: {@code air_raid:drones}, or the bare threat when it has no subtype. */
    static String eventCode(Threat t, Threat.Subtype s) {
        return s == Threat.Subtype.NONE ? t.wire() : t.wire(s);
    }

    static String event(Threat t, Threat.Subtype s, Lang lang) {
        return switch (t) {
            case AIR_RAID -> switch (s) {
                case DRONES -> lang.pick("Загроза ударних БпЛА", "Attack drone threat");
                case CRUISE_MISSILE -> lang.pick("Загроза крилатих ракет", "Cruise missile threat");
                case BALLISTIC_MISSILE -> lang.pick("Загроза балістичних ракет", "Ballistic missile threat");
                case AVIATION -> lang.pick("Загроза авіаційного ураження", "Aviation / guided bomb threat");
                default -> lang.pick("Повітряна тривога", "Air raid alert");
            };
            case ARTILLERY -> lang.pick("Загроза артилерійського обстрілу", "Artillery shelling threat");
            case URBAN_FIGHTS -> lang.pick("Загроза вуличних боїв", "Urban fighting threat");
            case CHEMICAL -> lang.pick("Хімічна загроза", "Chemical threat");
            case NUCLEAR -> lang.pick("Радіаційна загроза", "Radiation threat");
            case INFO -> lang.pick("Інформаційне повідомлення", "Information");
        };
    }

    /**
     * The OASIS Event Terms List code for a threat. Empty for every threat: the list's codes could not be read
     * from the published list when this was written, and a guessed code would mislead every consumer that sorts by
     * it; the exporter writes an {@link #OET} eventCode as soon as a verified code is entered here.
     */
    static Optional<String> oasisEventCode(Threat t) {
        return Optional.empty();
    }

    /** The responseType of the version that ends an alert. */
    static Optional<String> endResponseType(EndReason end) {
        return end == null ? Optional.empty() : Optional.of(end == EndReason.ALL_CLEAR ? "AllClear" : "None");
    }

    /**
     * The severity of an end: a false alarm's Cancel says Unknown (there was no threat to grade), as Google's
     * cancellation example does; an all-clear or an expiry says Minor.
     */
    static String endSeverity(EndReason end) {
        return end == EndReason.FALSE_ALARM ? "Unknown" : "Minor";
    }

    /** The certainty of an end: a false alarm is Unlikely (it did not happen); an all-clear is Observed. */
    static String endCertainty(EndReason end) {
        return end == EndReason.FALSE_ALARM ? "Unlikely" : "Observed";
    }

    static String urgency(Stage s) {
        return s == Stage.ALERT ? "Immediate" : "Expected";
    }

    static String severity(Threat t, Stage s) {
        return t == Threat.INFO ? "Minor" : s == Stage.ALERT ? "Extreme" : "Severe";
    }

    static String certainty(Stage s) {
        return s == Stage.ALERT ? "Observed" : "Likely";
    }

    static String responseType(Threat t, Stage s) {
        return t == Threat.INFO ? "Monitor" : s == Stage.ALERT ? "Shelter" : "Prepare";
    }

    /** The stage a message without the TOCSIN_STAGE parameter means, by its urgency. */
    static Stage stageOfUrgency(String urgency) {
        return "Expected".equals(urgency) || "Future".equals(urgency) ? Stage.PRE_ALERT : Stage.ALERT;
    }

    /** The words put before an exercise's or a test's headline, so that no reader can take it for real. */
    static String drillPrefix(Status s, Lang lang) {
        return switch (s) {
            case ACTUAL -> "";
            case EXERCISE -> lang.pick("НАВЧАННЯ: ", "EXERCISE: ");
            case TEST -> lang.pick("ТЕСТ: ", "TEST: ");
        };
    }

    /**
     * The instruction with the time to shelter first, when one is set: "Час до укриття: 90 с." / "Time to shelter:
     * 90 s." — the one number a resident must act on, before the standard wording.
     */
    static String withShelter(String instruction, Integer seconds, String lang) {
        if (seconds == null) {
            return instruction;
        }
        String lead = lang.equals("uk") ? "Час до укриття: " + seconds + " с." : "Time to shelter: " + seconds + " s.";
        return instruction == null || instruction.isBlank() ? lead : lead + " " + instruction;
    }

    /** The same notice the JSON API shows for a drill. */
    static String drillNotice(Status s, Lang lang) {
        return switch (s) {
            case ACTUAL -> "";
            case EXERCISE -> lang.pick("НАВЧАННЯ — це не справжня тривога", "EXERCISE — not a real alert");
            case TEST -> lang.pick("ТЕСТ — це не справжня тривога", "TEST — not a real alert");
        };
    }

    /** Removes the drill prefix an exporter put before a headline (ours, or the bare word followed by ':'). */
    static String stripDrillPrefix(Status s, String headline) {
        for (Lang lang : Lang.values()) {
            String word = drillPrefix(s, lang).replace(":", "").strip();
            if (!word.isEmpty() && headline.regionMatches(true, 0, word, 0, word.length())) {
                String rest = headline.substring(word.length()).strip();
                return rest.startsWith(":") ? rest.substring(1).strip() : rest.isEmpty() ? "" : headline;
            }
        }
        return headline;
    }

    /** What the message that ends an alert says before the headline. */
    static String endPrefix(EndReason r, Lang lang) {
        return switch (r) {
            case ALL_CLEAR -> lang.pick("Відбій тривоги: ", "All clear: ");
            case FALSE_ALARM -> lang.pick("Скасовано, хибна тривога: ", "Cancelled, false alarm: ");
            case EXPIRED -> lang.pick("Завершено, минув строк: ", "Ended, expired: ");
        };
    }

    /**
     * The threat a message without Tocsin's eventCode means, from its category and event words (Ukrainian or
     * English); empty when they name none. The most specific words are tried first.
     */
    static Optional<ThreatKind> guessThreat(String category, String event) {
        String e = event.toLowerCase(Locale.ROOT);
        if (has(e, "бпла", "дрон", "шахед", "drone", "uav", "shahed")) {
            return Optional.of(new ThreatKind(Threat.AIR_RAID, Threat.Subtype.DRONES));
        }
        if (has(e, "баліст", "ballistic")) {
            return Optional.of(new ThreatKind(Threat.AIR_RAID, Threat.Subtype.BALLISTIC_MISSILE));
        }
        if (has(e, "крилат", "cruise")) {
            return Optional.of(new ThreatKind(Threat.AIR_RAID, Threat.Subtype.CRUISE_MISSILE));
        }
        if (has(e, "керован", "авіабомб", "авіаці", "guided bomb", "aviation", "aircraft")) {
            return Optional.of(new ThreatKind(Threat.AIR_RAID, Threat.Subtype.AVIATION));
        }
        if (has(e, "повітрян", "air raid", "air alert", "air attack", "missile", "ракет")) {
            return Optional.of(new ThreatKind(Threat.AIR_RAID, Threat.Subtype.UNSPECIFIED));
        }
        if (has(e, "артилер", "обстріл", "artillery", "shelling")) {
            return Optional.of(new ThreatKind(Threat.ARTILLERY, Threat.Subtype.NONE));
        }
        if (has(e, "вуличн", "urban fight", "street fight")) {
            return Optional.of(new ThreatKind(Threat.URBAN_FIGHTS, Threat.Subtype.NONE));
        }
        if (has(e, "радіац", "ядерн", "radiation", "radiolog", "nuclear")) {
            return Optional.of(new ThreatKind(Threat.NUCLEAR, Threat.Subtype.NONE));
        }
        if (has(e, "хімі", "chemical", "toxic")) {
            return Optional.of(new ThreatKind(Threat.CHEMICAL, Threat.Subtype.NONE));
        }
        if ("Security".equals(category) && has(e, "тривог")) {
            return Optional.of(new ThreatKind(Threat.AIR_RAID, Threat.Subtype.UNSPECIFIED));
        }
        return Optional.empty();
    }

    private static boolean has(String text, String... words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** A threat with its subtype ({@link Threat.Subtype#NONE} for all but air raids). */
    public record ThreatKind(Threat threat, Threat.Subtype subtype) {
    }
}
