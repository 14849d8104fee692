package io.tocsin.app;

import io.tocsin.domain.Actor;
import io.tocsin.domain.ApprovalPolicy;
import io.tocsin.domain.Board;
import io.tocsin.domain.CommitUnknownException;
import io.tocsin.domain.Decider;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.EndAlert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventLog;
import io.tocsin.domain.Footprints;
import io.tocsin.domain.HeadMovedException;
import io.tocsin.domain.IdempotencyKey;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.NotRecordedException;
import io.tocsin.domain.OutcomeUnknownException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.SplitDetector;
import io.tocsin.domain.UpdateAlert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The single writer of this process: decide, append durably and conditionally on the head the decision saw, fold
 * into the board, then publish. One lock keeps decisions consistent with the board and publications in seq order;
 * the conditional append keeps them consistent with other processes writing the same log. Whatever the desk folds
 * from the log (its own events, other processes' events) it publishes to its sinks. Methods block on the log: call
 * them off the event loop.
 */
public final class AlertDesk {
    private final EventLog log;
    private final Board board;
    /** Folded beside the board, so the split check on each write is a few map reads (see Footprints). */
    private final Footprints footprints;
    private final Decider decider;
    private final io.tocsin.domain.ReportRules reportRules;
    private final Clock clock;
    /** Conditional appends refused because other processes kept appending: give up after this many. */
    private static final int MAX_ATTEMPTS = 20;

    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final IdempotentWrites keys;
    /** Package-private: tests shorten its window. */
    final CommitSettler settler;
    private volatile boolean behind;
    /** The hash of the last event folded: an announced event is applied only if it links onto it. */
    private String lastHash = io.tocsin.domain.LoggedEvent.GENESIS_HASH;

    public AlertDesk(EventLog log, RegionTree regions, Clock clock) {
        this(log, regions, clock, ApprovalPolicy.DEFAULT);
    }

    public AlertDesk(EventLog log, RegionTree regions, Clock clock, ApprovalPolicy policy) {
        this.log = log;
        this.board = new Board(regions);
        this.footprints = new Footprints(regions);
        this.decider = new Decider(regions, policy);
        this.reportRules = new io.tocsin.domain.ReportRules(regions);
        this.clock = clock;
        this.keys = new IdempotentWrites(log);
        this.settler = new CommitSettler(log);
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
            page.forEach(this::fold);
            after = page.get(page.size() - 1).seq();
            count += page.size();
        }
    }

    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public void removeSink(EventSink sink) {
        sinks.remove(sink);
    }

    public Board board() {
        return board;
    }

    public java.time.Duration approvalTtl() {
        return decider.policy().ttl();
    }

    /** Read-only: which operators' alerts cover the two-person bound in pieces now (for the reviews listing). */
    public SplitDetector splits() {
        return decider.splits();
    }

    public EventLog log() {
        return log;
    }

    /** The clock the desk decides by (expiry, renewal); readers that age what they show use the same. */
    public Clock clock() {
        return clock;
    }

    public LoggedEvent issue(Actor actor, IssueAlert cmd) {
        return issue(actor, cmd, null);
    }

    public LoggedEvent issue(Actor actor, IssueAlert cmd, IdempotencyKey key) {
        return write(key, now -> List.of(decider.issue(board, actor, cmd, now, newId(now)))).get(0);
    }

    /**
     * What issuing would record now (an issue, or a request held for approval), decided by the same rules and
     * recorded nowhere: the console's preview. Its id is a placeholder.
     */
    public synchronized Event previewIssue(Actor actor, IssueAlert cmd) {
        return decider.issue(board, actor, cmd, clock.instant(), "preview");
    }

    /** What the update would record now (the alert after it, or a held request), recorded nowhere. */
    public synchronized Event previewUpdate(Actor actor, UpdateAlert cmd) {
        return decider.update(board, actor, cmd, clock.instant());
    }

    public LoggedEvent update(Actor actor, UpdateAlert cmd) {
        return update(actor, cmd, null);
    }

    public LoggedEvent update(Actor actor, UpdateAlert cmd, IdempotencyKey key) {
        return write(key, now -> List.of(decider.update(board, actor, cmd, now))).get(0);
    }

    public LoggedEvent end(Actor actor, EndAlert cmd) {
        return end(actor, cmd, null);
    }

    public LoggedEvent end(Actor actor, EndAlert cmd, IdempotencyKey key) {
        return write(key, now -> List.of(decider.end(board, actor, cmd, now))).get(0);
    }

    /**
     * Records an attack report, or a correction of one when {@code correcting} names it (null for a new report).
     * Same path as alerts: decided on the board, appended conditionally on the head, durable before it returns.
     */
    public LoggedEvent report(Actor actor, io.tocsin.domain.AttackReport asked, String correcting, IdempotencyKey key) {
        return write(key, now -> {
            io.tocsin.domain.AttackReport existing = null;
            if (correcting != null) {
                existing = board.reports().find(correcting).orElseThrow(() -> new DomainException(
                        Problem.NOT_FOUND, "no report " + correcting));
            }
            return List.of(reportRules.record(actor, asked, existing, now));
        }).get(0);
    }

    /** An admin sets a region's time to shelter (seconds, or null to inherit); durable before it returns. */
    public LoggedEvent setShelter(Actor actor, String region, Integer seconds, IdempotencyKey key) {
        return write(key, now -> List.of(io.tocsin.domain.ShelterTimes.decide(board.regions(), actor, region, seconds,
                now))).get(0);
    }

    /** A new report's id (time-ordered like alert ids). */
    public String newReportId() {
        return newId(clock.instant());
    }

    /**
     * A second operator approves a held request; returns the grant, then the released event (the issue, or the held
     * update), then any review request.
     */
    public List<LoggedEvent> approve(Actor actor, String pendingId) {
        return approve(actor, pendingId, null);
    }

    public List<LoggedEvent> approve(Actor actor, String pendingId, IdempotencyKey key) {
        return write(key, now -> decider.approve(board, actor, pendingId, now));
    }

    /**
     * Ends every alert whose expiry time has come and drops stale approval requests; called by a timer. Each is a
     * conditional append, so however many processes share the log, an expiry is recorded once: the others find the
     * head moved, fold the winner's event, and no longer see the alert as due.
     */
    public List<LoggedEvent> expireDue() {
        synchronized (this) {
            foldNew();
            List<LoggedEvent> out = new ArrayList<>();
            while (true) {
                List<Event> due = decider.expire(board, clock.instant());
                if (due.isEmpty()) {
                    return out;
                }
                List<LoggedEvent> logged = commit(now -> List.of(decider.expire(board, now).stream().findFirst()
                        .orElseThrow(NothingDue::new)));
                if (logged.isEmpty()) {
                    return out;
                }
                out.addAll(logged);
            }
        }
    }

    /** Restatements committed together at most: a server back after a long stop renews in a few commits. */
    static final int RENEWALS_PER_COMMIT = 500;

    /**
     * Restates every active alert whose latest version is half its CAP horizon old ({@link Decider#renew}); called
     * by a timer. Like expiry, each commit is conditional on the head, so however many processes share the log an
     * alert is renewed once: the others fold the winner's events and no longer find it due. Returns what was
     * recorded, each event durable before it is published.
     */
    public List<LoggedEvent> renewDue(Duration horizon) {
        synchronized (this) {
            foldNew();
            List<LoggedEvent> out = new ArrayList<>();
            while (!decider.renew(board, horizon, clock.instant(), 1).isEmpty()) {
                List<LoggedEvent> logged = commit(now -> {
                    List<Event> due = decider.renew(board, horizon, now, RENEWALS_PER_COMMIT);
                    if (due.isEmpty()) {
                        throw new NothingDue();
                    }
                    return due;
                });
                if (logged.isEmpty()) {
                    return out;
                }
                out.addAll(logged);
            }
            return out;
        }
    }

    /**
     * Folds in (and publishes) what other processes appended to the log since the board's seq. Called by a timer,
     * so the board follows the log even when this process writes nothing; a failure leaves the desk marked behind
     * until a later call succeeds.
     */
    public synchronized void followLog() {
        foldNew();
    }

    /** What became of an event another node says it committed ({@link #receive}). */
    public enum Received { APPLIED, ALREADY_FOLDED, GAP_FILLED }

    /**
     * An event that another node committed and announced (over NATS): folded and published straight away when it
     * is the next seq and links onto this board's head in the hash chain; one already folded is ignored; anything
     * else (a gap, a link that does not match) is not trusted, and the log is read instead, the truth in either case.
     */
    public synchronized Received receive(LoggedEvent e) {
        if (e.seq() <= board.lastSeq()) {
            return Received.ALREADY_FOLDED;
        }
        if (e.seq() == board.lastSeq() + 1 && e.prevHash().equals(lastHash) && !behind) {
            applyAndPublish(e, System.nanoTime());
            return Received.APPLIED;
        }
        foldNew();
        return Received.GAP_FILLED;
    }

    /** True while the board may be behind the log (the last attempt to read it failed). */
    public boolean behind() {
        return behind;
    }

    /** Forgets idempotency keys older than their retention (48 h); called by a timer. */
    public int forgetOldIdempotencyKeys() {
        return keys.forgetOlderThan(clock.instant());
    }

    /** Runs a write; a keyed one follows the idempotency-key rules ({@link IdempotentWrites}). */
    private List<LoggedEvent> write(IdempotencyKey key, Function<Instant, List<Event>> decide) {
        if (key == null) {
            synchronized (this) {
                return commit(decide, null);
            }
        }
        try (IdempotentWrites.InFlight inFlight = keys.enter(key)) {
            Optional<List<LoggedEvent>> earlier = keys.recorded(key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            synchronized (this) {
                try {
                    return commit(decide, key);
                } catch (EventLog.IdempotencyKeyTaken taken) {
                    // Another process recorded the same key meanwhile: answer with what it recorded.
                    return keys.recorded(key).orElseThrow(() -> new NotRecordedException("key vanished", taken));
                }
            }
        }
    }

    private List<LoggedEvent> commit(Function<Instant, List<Event>> decide) {
        return commit(decide, null);
    }

    /**
     * Decides on the board, appends conditionally on the board's seq being the log's head, folds and publishes. If
     * another process appended meanwhile, folds what it wrote and decides again (the decision may no longer hold:
     * the rules then refuse it). An unacknowledged commit is settled by reading the log before answering.
     */
    private List<LoggedEvent> commit(Function<Instant, List<Event>> decide, IdempotencyKey key) {
        for (int attempt = 1; ; attempt++) {
            if (behind) {
                foldNew();
            }
            long head = board.lastSeq();
            List<Event> events;
            try {
                // A review request the decision calls for (a split completed) goes into the same append.
                events = decider.withReview(footprints, decide.apply(clock.instant()));
            } catch (NothingDue none) {
                return List.of();
            }
            try {
                List<LoggedEvent> logged = log.appendAfter(head, events, key);
                long committed = System.nanoTime();
                logged.forEach(e -> applyAndPublish(e, committed));
                return logged;
            } catch (HeadMovedException moved) {
                foldNew();
                if (attempt >= MAX_ATTEMPTS) {
                    throw new DomainException(Problem.CONFLICT, "the log kept moving under this decision ("
                            + attempt + " attempts); nothing was recorded, retry");
                }
            } catch (NotRecordedException notRecorded) {
                foldNew();
                throw notRecorded;
            } catch (CommitUnknownException unknown) {
                return settle(head, events.size(), unknown);
            }
        }
    }

    /** A lost commit acknowledgement: settle it from the log, fold what is there, answer honestly. */
    private List<LoggedEvent> settle(long head, int count, CommitUnknownException unknown) {
        try {
            return settler.settle(head, count, unknown);
        } catch (OutcomeUnknownException stillUnknown) {
            behind = true;
            throw stillUnknown;
        } finally {
            foldNew();
        }
    }

    private void fold(LoggedEvent e) {
        board.apply(e, decider.policy().ttl());
        lastHash = e.hash();
        footprints.apply(e);
    }

    /** {@code committedNanos}: when the event was known durable here (the delivery latency metric starts there). */
    private void applyAndPublish(LoggedEvent e, long committedNanos) {
        fold(e);
        for (EventSink sink : sinks) {
            sink.publish(e, committedNanos);
        }
    }

    /** Folds everything after the board's seq; on failure marks the desk behind (the follower timer retries). */
    private void foldNew() {
        try {
            for (List<LoggedEvent> page = log.after(board.lastSeq(), 1000); !page.isEmpty();
                 page = log.after(board.lastSeq(), 1000)) {
                long read = System.nanoTime();
                page.forEach(e -> applyAndPublish(e, read));
            }
            behind = false;
        } catch (RuntimeException unreachable) {
            behind = true;
        }
    }

    /** An expiry found nothing due any more after the board caught up. */
    private static final class NothingDue extends RuntimeException {
        NothingDue() {
            super(null, null, false, false);
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
