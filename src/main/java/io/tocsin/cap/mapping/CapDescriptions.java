package io.tocsin.cap.mapping;

import io.tocsin.cap.mapping.CapTerms.Lang;
import io.tocsin.domain.Alert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.RegionTree;
import java.util.List;

/**
 * The {@code <description>} of an exported version: what is happening and where, in words, in the info's language —
 * the standard wording for the threat and stage, then the region names ("Загроза ударних БпЛА. Області, райони,
 * громади: Київська область; м. Київ."). A drill says so first; an end says what ended. Google asks for a description
 * that is not the headline: the headline is the operator's, this is the standard statement of the facts.
 */
final class CapDescriptions {
    /** Names listed in full; the rest are counted, so a message for 1,000 hromadas stays readable. */
    static final int NAMES_LISTED = 40;

    private CapDescriptions() {
    }

    static String of(Alert a, Lang lang, RegionTree tree) {
        String event = CapTerms.event(a.threat(), a.subtype(), lang);
        StringBuilder sb = new StringBuilder();
        String drill = CapTerms.drillNotice(a.status(), lang);
        if (!drill.isEmpty()) {
            sb.append(drill).append(". ");
        }
        EndReason end = a.endReason();
        if (end == null) {
            sb.append(event).append(a.stage() == io.tocsin.domain.Stage.PRE_ALERT
                    ? lang.pick(" (попередження: загроза наближається)", " (warning: the threat is approaching)") : "");
        } else {
            sb.append(switch (end) {
                case ALL_CLEAR -> lang.pick("Відбій: ", "All clear: ");
                case FALSE_ALARM -> lang.pick("Скасовано як хибну тривогу: ", "Cancelled as a false alarm: ");
                case EXPIRED -> lang.pick("Завершено, минув строк: ", "Ended, its time ran out: ");
            }).append(event.toLowerCase(lang == Lang.UK ? java.util.Locale.forLanguageTag("uk")
                    : java.util.Locale.ROOT));
        }
        sb.append(". ").append(lang.pick("Де: ", "Where: ")).append(names(a.regions(), lang, tree)).append('.');
        return sb.toString();
    }

    private static String names(List<String> codes, Lang lang, RegionTree tree) {
        List<String> names = codes.stream().limit(NAMES_LISTED)
                .map(c -> tree.find(c).map(r -> lang.pick(r.nameUk(), r.nameEn())).orElse(c)).toList();
        String listed = String.join("; ", names);
        int more = codes.size() - names.size();
        return more <= 0 ? listed : listed + lang.pick("; та ще " + more, "; and " + more + " more");
    }
}
