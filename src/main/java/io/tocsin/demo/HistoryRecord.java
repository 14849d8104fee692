package io.tocsin.demo;

import java.time.Instant;

/** One alert of the real history: the region it was declared for and when it started and ended. */
public record HistoryRecord(String regionCode, Instant startedAt, Instant finishedAt) {
}
