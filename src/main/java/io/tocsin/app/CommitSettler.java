package io.tocsin.app;

import io.tocsin.domain.CommitUnknownException;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.NotRecordedException;
import io.tocsin.domain.OutcomeUnknownException;

import java.time.Duration;
import java.util.List;

/**
 * Settles a commit whose acknowledgement was lost. The events were meant for {@code head + 1 …}; the log is read
 * under its append lock (so a commit still in doubt has finished either way) until it can tell: the first event
 * there has our hash — recorded, answer as if acknowledged; another event or none — certainly not recorded. If the
 * log cannot be read within the window, the outcome is unknown and the reply must say so.
 */
final class CommitSettler {
    /** How long the outcome is sought before the reply says it is unknown. */
    static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration PAUSE = Duration.ofMillis(200);

    private final EventLog log;
    /** {@link #WINDOW}; tests shorten it. */
    Duration window = WINDOW;

    CommitSettler(EventLog log) {
        this.log = log;
    }

    /**
     * The events as recorded.
     *
     * @throws NotRecordedException    the log shows the commit did not happen
     * @throws OutcomeUnknownException the log could not be read within the window
     */
    List<LoggedEvent> settle(long head, int count, CommitUnknownException unknown) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            List<LoggedEvent> there;
            try {
                there = log.settledAfter(head, count);
            } catch (RuntimeException readFailed) {
                if (System.nanoTime() > deadline) {
                    throw new OutcomeUnknownException(unknown.firstSeq());
                }
                sleep();
                continue;
            }
            if (!there.isEmpty() && there.get(0).hash().equals(unknown.firstHash())) {
                return there;
            }
            throw new NotRecordedException("the commit was not acknowledged and the log shows it did not happen", unknown);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
