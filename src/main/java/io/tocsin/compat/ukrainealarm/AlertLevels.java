package io.tocsin.compat.ukrainealarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tocsin.domain.Alert;
import io.tocsin.domain.Threat;

/**
 * ukrainealarm's alert types and 2026 alert levels from Tocsin's threat and subtype (docs/compat.md): an air raid
 * by drones is Yellow, by cruise or ballistic missiles or aviation Red, with no level when the subtype is
 * unspecified; artillery and urban fights always carry one Red with an empty reason, as the real API does.
 */
final class AlertLevels {
    private AlertLevels() {
    }

    static String type(Threat t) {
        return switch (t) {
            case AIR_RAID -> "AIR";
            case ARTILLERY -> "ARTILLERY";
            case URBAN_FIGHTS -> "URBAN_FIGHTS";
            case CHEMICAL -> "CHEMICAL";
            case NUCLEAR -> "NUCLEAR";
            case INFO -> "INFO";
        };
    }

    static void of(Alert a, ArrayNode out) {
        String at = UkraineAlarmJson.TIME.format(a.updatedAt());
        if (a.threat() == Threat.ARTILLERY || a.threat() == Threat.URBAN_FIGHTS) {
            out.addObject().put("alertLevel", "Red").put("reason", "").put("createdAt", at);
            return;
        }
        if (a.threat() != Threat.AIR_RAID) {
            return;
        }
        switch (a.subtype()) {
            case DRONES -> out.addObject().put("alertLevel", "Yellow").put("reason", "Дронова загроза (жовтий рівень)")
                    .put("createdAt", at);
            case CRUISE_MISSILE -> out.addObject().put("alertLevel", "Red")
                    .put("reason", "Загроза крилатих ракет (червоний рівень)").put("createdAt", at);
            case BALLISTIC_MISSILE -> out.addObject().put("alertLevel", "Red")
                    .put("reason", "Загроза балістичних ракет (червоний рівень)").put("createdAt", at);
            case AVIATION -> out.addObject().put("alertLevel", "Red")
                    .put("reason", "Загроза авіації (червоний рівень)").put("createdAt", at);
            default -> {
                // unspecified: no level is known, so none is claimed
            }
        }
    }
}
