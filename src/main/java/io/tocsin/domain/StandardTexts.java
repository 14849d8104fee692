package io.tocsin.domain;

/**
 * The standard wording of an alert, in Ukrainian and English, for its threat, subtype and stage: what residents
 * read when the operator wrote nothing (on an attack night there is no time to type), in the phrasing of the Air
 * Force's and the "Air Alert" service's announcements. An operator's own text always wins; a text left at the
 * standard wording follows the alert when an update changes its threat, subtype or stage.
 */
public final class StandardTexts {
    private static final String SHELTER_UK = "Негайно прямуйте до найближчого укриття";
    private static final String SHELTER_EN = "Go to the nearest shelter now";

    private StandardTexts() {
    }

    /** The standard headline and instruction for this kind of alert. */
    public static Texts of(Threat threat, Threat.Subtype subtype, Stage stage) {
        String[] headline = headline(threat, subtype);
        String[] instruction = stage == Stage.PRE_ALERT
                ? new String[] {"Будьте готові прямувати до укриття", "Be ready to go to a shelter"}
                : instruction(threat);
        if (stage == Stage.PRE_ALERT) {
            headline = new String[] {"Попередження. " + headline[0], "Warning. " + headline[1]};
        }
        return new Texts(headline[0], headline[1], instruction[0], instruction[1]);
    }

    private static String[] headline(Threat threat, Threat.Subtype subtype) {
        return switch (threat) {
            case AIR_RAID -> switch (subtype) {
                case DRONES -> new String[] {"Загроза ударних БпЛА", "Attack drone threat"};
                case CRUISE_MISSILE -> new String[] {"Загроза застосування крилатих ракет", "Cruise missile threat"};
                case BALLISTIC_MISSILE -> new String[] {"Загроза застосування балістичного озброєння",
                        "Ballistic missile threat"};
                case AVIATION -> new String[] {"Загроза застосування авіаційних засобів ураження",
                        "Threat of air strikes (guided bombs, aircraft missiles)"};
                case UNSPECIFIED, NONE -> new String[] {"Повітряна тривога", "Air raid alert"};
            };
            case ARTILLERY -> new String[] {"Загроза артобстрілу", "Artillery shelling threat"};
            case URBAN_FIGHTS -> new String[] {"Загроза вуличних боїв", "Street fighting threat"};
            case CHEMICAL -> new String[] {"Хімічна загроза", "Chemical threat"};
            case NUCLEAR -> new String[] {"Радіаційна загроза", "Radiation threat"};
            case INFO -> new String[] {"Інформаційне повідомлення", "Information message"};
        };
    }

    private static String[] instruction(Threat threat) {
        return switch (threat) {
            case AIR_RAID, ARTILLERY -> new String[] {SHELTER_UK, SHELTER_EN};
            case URBAN_FIGHTS -> new String[] {"Залишайтеся в укритті, тримайтеся подалі від вікон",
                    "Stay in shelter, away from windows"};
            case CHEMICAL -> new String[] {"Зачиніть вікна та двері, вимкніть вентиляцію, виконуйте вказівки ДСНС",
                    "Close windows and doors, turn off ventilation, follow the State Emergency Service's instructions"};
            case NUCLEAR -> new String[] {"Негайно зайдіть у приміщення, зачиніть вікна та двері, стежте за"
                    + " офіційними повідомленнями", "Get indoors now, close windows and doors, follow official announcements"};
            case INFO -> new String[] {"Стежте за офіційними повідомленнями", "Follow official announcements"};
        };
    }

    /** {@code given} with every empty text replaced by the standard wording for the alert. */
    public static Texts fill(Texts given, Threat threat, Threat.Subtype subtype, Stage stage) {
        Texts std = of(threat, subtype, stage);
        Texts g = given == null ? Texts.EMPTY : given;
        return new Texts(or(g.headlineUk(), std.headlineUk()), or(g.headlineEn(), std.headlineEn()),
                or(g.instructionUk(), std.instructionUk()), or(g.instructionEn(), std.instructionEn()));
    }

    /**
     * The texts after an update from {@code old} to the new threat, subtype and stage: each text that was the
     * standard wording of the old alert becomes that of the new one; the operator's own texts stay.
     */
    public static Texts follow(Texts current, Alert old, Threat threat, Threat.Subtype subtype, Stage stage) {
        Texts was = of(old.threat(), old.subtype(), old.stage());
        Texts now = of(threat, subtype, stage);
        return new Texts(pick(current.headlineUk(), was.headlineUk(), now.headlineUk()),
                pick(current.headlineEn(), was.headlineEn(), now.headlineEn()),
                pick(current.instructionUk(), was.instructionUk(), now.instructionUk()),
                pick(current.instructionEn(), was.instructionEn(), now.instructionEn()));
    }

    private static String pick(String current, String oldStandard, String newStandard) {
        return current.isEmpty() || current.equals(oldStandard) ? newStandard : current;
    }

    private static String or(String given, String standard) {
        return given.isEmpty() ? standard : given;
    }
}
