package io.tocsin.push;

import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.LoggedEvent;

/**
 * One event of the log as a push channel sees it: the event and the board just before and just after it, so an
 * encoder can say what a region's state became (MQTT's retained state, ukrainealarm's AlertRegionModel) without
 * reading anything.
 */
public record Entry(LoggedEvent event, BoardSnapshot before, BoardSnapshot after) {
    public long seq() {
        return event.seq();
    }
}
