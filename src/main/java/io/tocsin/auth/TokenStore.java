package io.tocsin.auth;

import io.tocsin.db.Database;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Role;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens of the form {@code tcs_<id>_<secret>}. The id finds the row; the secret is checked against its
 * stored SHA-256 in constant time. Rows are cached briefly so authentication does not hit the database on every
 * request; a revocation takes effect within {@link #CACHE_TTL}.
 */
public final class TokenStore {
    /** Short enough that a revoked token stops working within seconds, long enough to spare the database. */
    static final Duration CACHE_TTL = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TokenStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new token and its secret; the secret is shown once and never stored. */
    public record Created(Token token, String bearer) {
    }

    public Created create(Role role, List<String> scope, String name, Instant expiresAt) {
        String id = HexFormat.of().formatHex(random(6));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
        Token t = new Token(id, name, role, scope, clock.instant(), expiresAt, null);
        try (Connection c = db.connection(); PreparedStatement ins = c.prepareStatement(
                "INSERT INTO tokens (id, name, role, scope, secret_hash, created_at, expires_at) VALUES (?,?,?,?,?,?,?)")) {
            ins.setString(1, id);
            ins.setString(2, name);
            ins.setString(3, role.wire());
            ins.setString(4, String.join(",", scope));
            ins.setString(5, HexFormat.of().formatHex(sha256(secret)));
            ins.setString(6, t.createdAt().toString());
            ins.setString(7, expiresAt == null ? null : expiresAt.toString());
            ins.executeUpdate();
        } catch (SQLException e) {
            throw new io.tocsin.domain.StoreUnavailableException("cannot store the token: " + e.getMessage(), e);
        }
        return new Created(t, "tcs_" + id + "_" + secret);
    }

    public List<Token> list() {
        List<Token> out = new ArrayList<>();
        try (Connection c = db.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM tokens ORDER BY created_at, id")) {
            while (rs.next()) {
                out.add(token(rs));
            }
        } catch (SQLException e) {
            throw new io.tocsin.domain.StoreUnavailableException("cannot list tokens: " + e.getMessage(), e);
        }
        return out;
    }

    /** Marks the token revoked; false when there is no such token. */
    public boolean revoke(String id) {
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement(
                "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            up.setString(1, clock.instant().toString());
            up.setString(2, id);
            cache.remove(id);
            return up.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new io.tocsin.domain.StoreUnavailableException("cannot revoke the token: " + e.getMessage(), e);
        }
    }

    /** The actor for a bearer value, or empty when it is malformed, unknown, wrong, revoked or expired. */
    public Optional<Actor> authenticate(String bearer) {
        if (bearer == null || !bearer.startsWith("tcs_") || bearer.length() > 200) {
            return Optional.empty();
        }
        int sep = bearer.indexOf('_', 4);
        if (sep < 0) {
            return Optional.empty();
        }
        String id = bearer.substring(4, sep);
        byte[] presented = sha256(bearer.substring(sep + 1));
        Instant now = clock.instant();
        Cached row = cache.get(id);
        if (row == null || row.loadedAt.plus(CACHE_TTL).isBefore(now)) {
            row = load(id, now);
            if (row == null) {
                // Compare anyway, so an unknown id costs the same as a wrong secret.
                MessageDigest.isEqual(presented, new byte[32]);
                return Optional.empty();
            }
            cache.put(id, row);
        }
        if (!MessageDigest.isEqual(presented, row.secretHash) || !row.token.usableAt(now)) {
            return Optional.empty();
        }
        return Optional.of(row.token.actor());
    }

    /**
     * The actor of a token known by id (a console session names its token so), or empty when it is unknown, revoked
     * or expired: a session ends with its token. Cached like {@link #authenticate}.
     */
    public Optional<Actor> actorById(String id) {
        Instant now = clock.instant();
        Cached row = cache.get(id);
        if (row == null || row.loadedAt.plus(CACHE_TTL).isBefore(now)) {
            row = load(id, now);
            if (row == null) {
                return Optional.empty();
            }
            cache.put(id, row);
        }
        return row.token.usableAt(now) ? Optional.of(row.token.actor()) : Optional.empty();
    }

    private Cached load(String id, Instant now) {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement("SELECT * FROM tokens WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new Cached(token(rs), HexFormat.of().parseHex(rs.getString("secret_hash")), now) : null;
            }
        } catch (SQLException e) {
            throw new io.tocsin.domain.StoreUnavailableException("cannot read tokens: " + e.getMessage(), e);
        }
    }

    private static Token token(ResultSet rs) throws SQLException {
        String scope = rs.getString("scope");
        return new Token(rs.getString("id"), rs.getString("name"), Role.parse(rs.getString("role")),
                scope.isEmpty() ? List.of() : Arrays.asList(scope.split(",")), Instant.parse(rs.getString("created_at")),
                instant(rs.getString("expires_at")), instant(rs.getString("revoked_at")));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Cached(Token token, byte[] secretHash, Instant loadedAt) {
    }
}
