package io.tocsin.push.webhook;

import io.tocsin.db.Database;
import io.tocsin.domain.Status;
import io.tocsin.domain.StoreUnavailableException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Webhook subscriptions, their messages (each once, with its body, for redelivery) and their delivery log, in the
 * database beside the log (SQLite or PostgreSQL; WebhookStoreContractTest runs on both). Messages and attempts are
 * written in batches by the engine ({@link #record}), one transaction for many.
 */
public final class WebhookStore {
    private static final String COLUMNS = "id, owner, kind, url, regions, threats, statuses, format, secret, "
            + "old_secret, old_secret_until, heartbeat_seconds, enabled, disabled_reason, created_at, updated_at";
    private final Database db;

    public WebhookStore(Database db) {
        this.db = db;
    }

    /** A message's body as first sent. */
    public record StoredMessage(String messageId, String webhookId, long seq, String contentType, byte[] body) {
    }

    public void insert(Webhook w) {
        run("INSERT INTO webhooks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", q -> {
            bind(q, w);
            q.executeUpdate();
            return null;
        });
    }

    /** Replaces a subscription's row; false when there is none. */
    public boolean update(Webhook w) {
        return run("UPDATE webhooks SET owner = ?, kind = ?, url = ?, regions = ?, threats = ?, statuses = ?, "
                + "format = ?, secret = ?, old_secret = ?, old_secret_until = ?, heartbeat_seconds = ?, enabled = ?, "
                + "disabled_reason = ?, created_at = ?, updated_at = ? WHERE id = ?", q -> {
            bindRow(q, w, 1);
            q.setString(16, w.id());
            return q.executeUpdate() == 1;
        });
    }

    public boolean delete(String id) {
        try {
            return db.inTransaction(c -> {
                int n;
                try (PreparedStatement d = c.prepareStatement("DELETE FROM webhooks WHERE id = ?")) {
                    d.setString(1, id);
                    n = d.executeUpdate();
                }
                for (String sql : List.of("DELETE FROM webhook_messages WHERE webhook_id = ?",
                        "DELETE FROM webhook_deliveries WHERE webhook_id = ?",
                        "DELETE FROM push_cursors WHERE consumer = ?")) {
                    try (PreparedStatement d = c.prepareStatement(sql)) {
                        d.setString(1, sql.contains("push_cursors") ? Webhook.consumer(id) : id);
                        d.executeUpdate();
                    }
                }
                return n == 1;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot delete webhook " + id + ": " + e.getMessage(), e);
        }
    }

    public Optional<Webhook> get(String id) {
        return run("SELECT " + COLUMNS + " FROM webhooks WHERE id = ?", q -> {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    /** Every subscription, or only {@code owner}'s (null for all), oldest first. */
    public List<Webhook> list(String owner) {
        return run("SELECT " + COLUMNS + " FROM webhooks" + (owner == null ? "" : " WHERE owner = ?")
                + " ORDER BY created_at, id", q -> {
            if (owner != null) {
                q.setString(1, owner);
            }
            List<Webhook> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    /**
     * Writes messages (each once: a message already stored is kept as it was) and delivery attempts in one
     * transaction.
     */
    public void record(List<StoredMessage> messages, List<DeliveryRecord> attempts) {
        if (messages.isEmpty() && attempts.isEmpty()) {
            return;
        }
        try {
            db.inTransaction(c -> {
                String now = Instant.now().toString();
                java.util.Set<String> stored = new java.util.HashSet<>();
                try (PreparedStatement body = c.prepareStatement("INSERT INTO webhook_payloads (hash, content_type, "
                        + "body, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING");
                     PreparedStatement ins = c.prepareStatement("INSERT INTO webhook_messages (message_id, "
                        + "webhook_id, seq, payload_hash, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (message_id) DO NOTHING")) {
                    for (StoredMessage m : messages) {
                        String hash = hash(m.contentType(), m.body());
                        if (stored.add(hash)) {
                            body.setString(1, hash);
                            body.setString(2, m.contentType());
                            body.setString(3, new String(m.body(), StandardCharsets.UTF_8));
                            body.setString(4, now);
                            body.addBatch();
                        }
                        ins.setString(1, m.messageId());
                        ins.setString(2, m.webhookId());
                        ins.setLong(3, m.seq());
                        ins.setString(4, hash);
                        ins.setString(5, now);
                        ins.addBatch();
                    }
                    body.executeBatch();
                    ins.executeBatch();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO webhook_deliveries (webhook_id, "
                        + "message_id, seq, attempt, at, status, latency_ms, outcome, error) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (DeliveryRecord d : attempts) {
                        ins.setString(1, d.webhookId());
                        ins.setString(2, d.messageId());
                        ins.setLong(3, d.seq());
                        ins.setInt(4, d.attempt());
                        ins.setString(5, d.at().toString());
                        if (d.status() == null) {
                            ins.setNull(6, java.sql.Types.INTEGER);
                        } else {
                            ins.setInt(6, d.status());
                        }
                        ins.setLong(7, d.latencyMs());
                        ins.setString(8, d.outcome());
                        ins.setString(9, d.error());
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record " + attempts.size() + " delivery attempts: "
                    + e.getMessage(), e);
        }
    }

    /** The newest {@code limit} attempts of a subscription with an id below {@code beforeId} (0: the newest). */
    public List<DeliveryRecord> deliveries(String webhookId, long beforeId, int limit) {
        return run("SELECT id, webhook_id, message_id, seq, attempt, at, status, latency_ms, outcome, error "
                + "FROM webhook_deliveries WHERE webhook_id = ?" + (beforeId > 0 ? " AND id < ?" : "")
                + " ORDER BY id DESC LIMIT ?", q -> {
            q.setString(1, webhookId);
            int i = 2;
            if (beforeId > 0) {
                q.setLong(i++, beforeId);
            }
            q.setInt(i, limit);
            List<DeliveryRecord> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(7);
                    Integer status = rs.wasNull() ? null : code; // wasNull speaks of the column read last
                    out.add(new DeliveryRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getInt(5), Instant.parse(rs.getString(6)), status,
                            rs.getLong(8), rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        });
    }

    public Optional<StoredMessage> message(String webhookId, String messageId) {
        return run("SELECT m.message_id, m.webhook_id, m.seq, p.content_type, p.body FROM webhook_messages m "
                + "JOIN webhook_payloads p ON p.hash = m.payload_hash WHERE m.message_id = ? AND m.webhook_id = ?", q -> {
            q.setString(1, messageId);
            q.setString(2, webhookId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new StoredMessage(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5).getBytes(StandardCharsets.UTF_8))) : Optional.empty();
            }
        });
    }

    /** Forgets messages and attempts recorded before {@code before}; returns how many attempts. */
    public int forgetBefore(Instant before) {
        return run("DELETE FROM webhook_deliveries WHERE at < ?", q -> {
            q.setString(1, before.toString());
            int n = q.executeUpdate();
            for (String sql : List.of("DELETE FROM webhook_messages WHERE created_at < ?",
                    "DELETE FROM webhook_payloads WHERE created_at < ? AND hash NOT IN "
                            + "(SELECT payload_hash FROM webhook_messages)")) {
                try (PreparedStatement m = q.getConnection().prepareStatement(sql)) {
                    m.setString(1, before.toString());
                    m.executeUpdate();
                }
            }
            return n;
        });
    }

    /** A payload's key: its content type and bytes, hashed (SHA-256, hex). */
    static String hash(String contentType, byte[] body) {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(contentType.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            return java.util.HexFormat.of().formatHex(md.digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private interface Query<T> {
        T run(PreparedStatement q) throws SQLException;
    }

    private <T> T run(String sql, Query<T> body) {
        try (Connection c = db.connection(); PreparedStatement q = c.prepareStatement(sql)) {
            return body.run(q);
        } catch (SQLException e) {
            throw new StoreUnavailableException("webhook store: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement q, Webhook w) throws SQLException {
        q.setString(1, w.id());
        bindRow(q, w, 2);
    }

    /** Every column but the id, from parameter {@code first} on, in the order of {@link #COLUMNS}. */
    private static void bindRow(PreparedStatement q, Webhook w, int first) throws SQLException {
        int i = first;
        q.setString(i++, w.owner());
        q.setString(i++, w.kind().name());
        q.setString(i++, w.url());
        q.setString(i++, String.join(",", w.regions()));
        q.setString(i++, String.join(",", w.threats()));
        q.setString(i++, w.statuses().stream().map(Status::wire).sorted().collect(Collectors.joining(",")));
        q.setString(i++, w.format());
        q.setString(i++, w.secret());
        q.setString(i++, w.oldSecret());
        q.setString(i++, w.oldSecretUntil() == null ? null : w.oldSecretUntil().toString());
        q.setInt(i++, w.heartbeatSeconds());
        q.setInt(i++, w.enabled() ? 1 : 0);
        q.setString(i++, w.disabledReason());
        q.setString(i++, w.createdAt().toString());
        q.setString(i, w.updatedAt().toString());
    }

    private static Webhook read(ResultSet rs) throws SQLException {
        String until = rs.getString(11);
        return new Webhook(rs.getString(1), rs.getString(2), Webhook.Kind.valueOf(rs.getString(3)), rs.getString(4),
                split(rs.getString(5)), new LinkedHashSet<>(split(rs.getString(6))),
                split(rs.getString(7)).stream().map(Status::parse).collect(Collectors.toSet()), rs.getString(8),
                rs.getString(9), rs.getString(10), until == null ? null : Instant.parse(until), rs.getInt(12),
                rs.getInt(13) == 1, rs.getString(14), Instant.parse(rs.getString(15)),
                Instant.parse(rs.getString(16)));
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }
}
