package io.tocsin.app;

import io.tocsin.domain.Actor;
import io.tocsin.domain.ApprovalPolicy;
import io.tocsin.domain.Board;
import io.tocsin.domain.Decider;
import io.tocsin.domain.EndAlert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.UpdateAlert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The single writer: decide, append durably, fold into the board, then publish. One lock keeps decisions
 * consistent with the board and publications in seq order. Methods block on the log: call them off the event loop.
 */
public final class AlertDesk {
    private final EventLog log;
    private final Board board;
    private final Decider decider;
    private final Clock clock;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();

    public AlertDesk(EventLog log, RegionTree regions, Clock clock) {
        this(log, regions, clock, ApprovalPolicy.DEFAULT);
    }

    public AlertDesk(EventLog log, RegionTree regions, Clock clock, ApprovalPolicy policy) {
        this.log = log;
        this.board = new Board(regions);
        this.decider = new Decider(regions, policy);
        this.clock = clock;
    }

    /** Rebuilds the board from the whole log; call once before serving. Returns the number of events read. */
    public synchronized long rebuild() {
        long after = 0;
        long count = 0;
        while (true) {
            List<LoggedEvent> page = log.after(after, 5000);
            if (page.isEmpty()) {
                return count;
            }
            page.forEach(e -> board.apply(e, decider.policy().ttl()));
            after = page.get(page.size() - 1).seq();
            count += page.size();
        }
    }

    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public Board board() {
        return board;
    }

    public java.time.Duration approvalTtl() {
        return decider.policy().ttl();
    }

    public EventLog log() {
        return log;
    }

    public LoggedEvent issue(Actor actor, IssueAlert cmd) {
        return write(now -> decider.issue(board, actor, cmd, now, newId(now)));
    }

    public LoggedEvent update(Actor actor, UpdateAlert cmd) {
        return write(now -> decider.update(board, actor, cmd, now));
    }

    public LoggedEvent end(Actor actor, EndAlert cmd) {
        return write(now -> decider.end(board, actor, cmd, now));
    }

    /** A second operator approves a held request; returns the grant and the issued alert. */
    public synchronized List<LoggedEvent> approve(Actor actor, String pendingId) {
        return commit(decider.approve(board, actor, pendingId, clock.instant()));
    }

    /** Ends every alert whose expiry time has come and drops stale approval requests; called by a timer. */
    public synchronized List<LoggedEvent> expireDue() {
        List<LoggedEvent> out = new ArrayList<>();
        for (Event e : decider.expire(board, clock.instant())) {
            out.addAll(commit(List.of(e)));
        }
        return out;
    }

    private synchronized LoggedEvent write(Function<Instant, Event> decide) {
        return commit(List.of(decide.apply(clock.instant()))).get(0);
    }

    private List<LoggedEvent> commit(List<Event> events) {
        List<LoggedEvent> logged;
        try {
            logged = events.size() == 1 ? List.of(log.append(events.get(0))) : log.appendAll(events);
        } catch (RuntimeException e) {
            // The outcome of a failed commit can be ambiguous (committed, then the driver failed). The log is the
            // truth: fold in whatever it holds beyond the board, so the board and the streams never diverge from it.
            catchUp();
            throw e;
        }
        logged.forEach(this::applyAndPublish);
        return logged;
    }

    private void applyAndPublish(LoggedEvent e) {
        board.apply(e, decider.policy().ttl());
        for (EventSink sink : sinks) {
            sink.publish(e);
        }
    }

    private void catchUp() {
        try {
            for (List<LoggedEvent> page = log.after(board.lastSeq(), 1000); !page.isEmpty();
                 page = log.after(board.lastSeq(), 1000)) {
                page.forEach(this::applyAndPublish);
            }
        } catch (RuntimeException ignored) {
            // The log is unreachable: the next successful write or a restart folds in what is missing.
        }
    }

    /** Time-ordered ids (UUIDv7 layout) so ids sort by issue time in listings and logs. */
    static String newId(Instant now) {
        long ms = now.toEpochMilli();
        UUID r = UUID.randomUUID();
        long msb = (ms << 16) | 0x7000L | (r.getMostSignificantBits() & 0x0FFFL);
        long lsb = (r.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
