package io.tocsin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator console's sessions: a random cookie value stands for a token for a while, so the console never keeps
 * the token itself. Kept in memory, on purpose: a session is worth nothing once the process that made it is gone
 * (the operator pastes the token again, which the console expects after any "session ended"), and a store of live
 * session values in the database would be one more thing to steal. Only a SHA-256 of the cookie value is held, so
 * neither a heap dump nor a log of this map yields a usable cookie. Behind a load balancer with several nodes, route
 * a console to one node (sticky sessions) or it signs in per node; the token works everywhere.
 */
public final class ConsoleSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;
    private final Map<String, Session> byHash = new ConcurrentHashMap<>();

    public ConsoleSessions(Clock clock, Duration idle, Duration maxAge) {
        this.clock = clock;
        this.idle = idle;
        this.maxAge = maxAge;
    }

    /**
     * A session of a token: {@code csrf} is what every write must echo in {@code X-CSRF-Token} (the console reads it
     * from the session's JSON, which no other origin can read).
     */
    public record Session(String tokenId, String csrf, Instant createdAt, Instant lastUsed) {
        Instant endsAt(Duration idle, Duration maxAge) {
            Instant byIdle = lastUsed.plus(idle);
            Instant byAge = createdAt.plus(maxAge);
            return byIdle.isBefore(byAge) ? byIdle : byAge;
        }
    }

    /** A new session and the cookie value that names it (given to the browser once, never kept here). */
    public record Created(String cookie, Session session) {
    }

    public Created create(String tokenId) {
        Instant now = clock.instant();
        String cookie = random();
        Session s = new Session(tokenId, random(), now, now);
        byHash.put(hash(cookie), s);
        sweep(now);
        return new Created(cookie, s);
    }

    /** The live session a cookie names, its idle clock restarted; empty when unknown or ended (then forgotten). */
    public Optional<Session> use(String cookie) {
        if (cookie == null || cookie.length() > 100) {
            return Optional.empty();
        }
        String h = hash(cookie);
        Instant now = clock.instant();
        Session s = byHash.get(h);
        if (s == null) {
            return Optional.empty();
        }
        if (!now.isBefore(s.endsAt(idle, maxAge))) {
            byHash.remove(h, s);
            return Optional.empty();
        }
        Session used = new Session(s.tokenId(), s.csrf(), s.createdAt(), now);
        byHash.replace(h, s, used);
        return Optional.of(used);
    }

    /** Whether the cookie names a live session, without counting this as use (a stream's keep-alive asks). */
    public boolean live(String cookie) {
        Session s = cookie == null ? null : byHash.get(hash(cookie));
        return s != null && clock.instant().isBefore(s.endsAt(idle, maxAge));
    }

    /** When the session will end if not used meanwhile. */
    public Instant endsAt(Session s) {
        return s.endsAt(idle, maxAge);
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** Signs a session out; false if it was not live. */
    public boolean end(String cookie) {
        return cookie != null && byHash.remove(hash(cookie)) != null;
    }

    /** Ends every session of a token (it was revoked). */
    public void endAllOf(String tokenId) {
        byHash.values().removeIf(s -> s.tokenId().equals(tokenId));
    }

    public int size() {
        return byHash.size();
    }

    /** Forgets ended sessions, so abandoned ones do not accumulate (run at each sign-in: cheap, sign-ins are rare). */
    private void sweep(Instant now) {
        byHash.values().removeIf(s -> !now.isBefore(s.endsAt(idle, maxAge)));
    }

    /** Compares in constant time: the value is a secret like a token's. */
    public static boolean sameSecret(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
