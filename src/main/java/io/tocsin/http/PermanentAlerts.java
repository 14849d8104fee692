package io.tocsin.http;

import io.tocsin.domain.RegionTree;

import java.util.Map;
import java.util.Optional;

/**
 * The two alerts the datasets leave out: Luhansk oblast has been under a permanent alert since 2022-04-04 16:45 UTC
 * and Crimea since 2022-12-10 22:22 UTC (the dataset's README). They are not invented as intervals — that would
 * make every statistic of those regions a constant — but said beside every statistic of them and their parts.
 */
final class PermanentAlerts {
    private static final Map<String, String> NOTES = Map.of(
            "UA-09", "Luhansk oblast has been under a permanent alert since 2022-04-04T16:45:00Z; the imported "
                    + "history does not list it, so these figures count only the alerts it lists",
            "UA-43", "Crimea has been under a permanent alert since 2022-12-10T22:22:00Z; the imported history does "
                    + "not list it, so these figures count only the alerts it lists");

    private PermanentAlerts() {
    }

    static Optional<String> note(RegionTree tree, String code) {
        return tree.oblastOf(code).map(o -> NOTES.get(o.code()));
    }
}
