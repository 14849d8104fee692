package io.tocsin.db;

import java.sql.Connection;
import java.sql.SQLException;

/** What differs between the SQL engines behind the log: schema DDL and how a writer takes the append lock. */
public interface Dialect {

    String name();

    /**
     * Schema version 1: the tables as they were before the schema was versioned (so a database of that time is
     * exactly version 1). Later changes are further {@link Migrations}, never edits of this.
     */
    java.util.List<String> baseline();

    /** Called at the start of an append transaction; serialises writers across processes where needed. */
    void lockForAppend(Connection c) throws SQLException;

    /** Tokens: only a hash of the secret is kept. Times are ISO-8601 text in both engines. */
    String TOKENS = """
            CREATE TABLE IF NOT EXISTS tokens (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              role TEXT NOT NULL,
              scope TEXT NOT NULL,
              secret_hash TEXT NOT NULL,
              created_at TEXT NOT NULL,
              expires_at TEXT,
              revoked_at TEXT)""";

    /** Which local alert each imported CAP message (sender, identifier) acted on, so later Updates find it. */
    String CAP_LINKS = """
            CREATE TABLE IF NOT EXISTS cap_links (
              sender TEXT NOT NULL,
              identifier TEXT NOT NULL,
              alert_id TEXT NOT NULL,
              PRIMARY KEY (sender, identifier))""";

    /**
     * Where imported CAP messages came from (docs/cap.md, "Imports keep their origin"): one row per event an import
     * became, cited by every message exported from that alert afterwards.
     */
    String CAP_ORIGINS = """
            CREATE TABLE IF NOT EXISTS cap_origins (
              seq BIGINT PRIMARY KEY,
              alert_id TEXT NOT NULL,
              sender TEXT NOT NULL,
              identifier TEXT NOT NULL,
              sent TEXT NOT NULL,
              sender_name TEXT,
              description_uk TEXT,
              description_en TEXT,
              web TEXT,
              contact TEXT,
              category TEXT,
              urgency TEXT,
              certainty TEXT)""";

    /**
     * Idempotency keys of writes: which events a keyed request appended, written in the append's transaction.
     * Scoped per token; forgotten after a retention period (at least 24 h, the IETF draft's expectation).
     */
    String IDEMPOTENCY = """
            CREATE TABLE IF NOT EXISTS idempotency (
              scope TEXT NOT NULL,
              idem_key TEXT NOT NULL,
              fingerprint TEXT NOT NULL,
              first_seq BIGINT NOT NULL,
              event_count INTEGER NOT NULL,
              created_ms BIGINT NOT NULL,
              PRIMARY KEY (scope, idem_key))""";

    /** The auto-numbered key column of an append-only table. */
    String serialKey();

    /**
     * Push channels (webhooks, MQTT): each log follower's cursor (the last seq it delivered), the webhook
     * subscriptions, each message once with its payload (kept once however many subscriptions share it: a thousand
     * subscriptions to one alert store one body), for manual redelivery, and every delivery attempt.
     */
    default java.util.List<String> push() {
        return java.util.List.of("""
                CREATE TABLE IF NOT EXISTS push_cursors (
                  consumer TEXT PRIMARY KEY,
                  seq BIGINT NOT NULL,
                  updated_at TEXT NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS webhooks (
                  id TEXT PRIMARY KEY,
                  owner TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  url TEXT NOT NULL,
                  regions TEXT NOT NULL,
                  threats TEXT NOT NULL,
                  statuses TEXT NOT NULL,
                  format TEXT NOT NULL,
                  secret TEXT NOT NULL,
                  old_secret TEXT,
                  old_secret_until TEXT,
                  heartbeat_seconds INTEGER NOT NULL,
                  enabled INTEGER NOT NULL,
                  disabled_reason TEXT,
                  created_at TEXT NOT NULL,
                  updated_at TEXT NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS webhooks_owner ON webhooks(owner, kind)", """
                CREATE TABLE IF NOT EXISTS webhook_messages (
                  message_id TEXT PRIMARY KEY,
                  webhook_id TEXT NOT NULL,
                  seq BIGINT NOT NULL,
                  payload_hash TEXT NOT NULL,
                  created_at TEXT NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS webhook_payloads (
                  hash TEXT PRIMARY KEY,
                  content_type TEXT NOT NULL,
                  body TEXT NOT NULL,
                  created_at TEXT NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS webhook_messages_hook ON webhook_messages(webhook_id, seq)",
                "CREATE TABLE IF NOT EXISTS webhook_deliveries (\n  id " + serialKey() + ",\n" + """
                  webhook_id TEXT NOT NULL,
                  message_id TEXT NOT NULL,
                  seq BIGINT NOT NULL,
                  attempt INTEGER NOT NULL,
                  at TEXT NOT NULL,
                  status INTEGER,
                  latency_ms BIGINT NOT NULL,
                  outcome TEXT NOT NULL,
                  error TEXT)""",
                "CREATE INDEX IF NOT EXISTS webhook_deliveries_hook ON webhook_deliveries(webhook_id, id)");
    }

    Dialect SQLITE = new Dialect() {
        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public String serialKey() {
            return "INTEGER PRIMARY KEY AUTOINCREMENT";
        }

        @Override
        public java.util.List<String> baseline() {
            return java.util.List.of("""
                    CREATE TABLE IF NOT EXISTS events (
                      seq INTEGER PRIMARY KEY,
                      at TEXT NOT NULL,
                      type TEXT NOT NULL,
                      alert_id TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      payload TEXT NOT NULL,
                      prev_hash TEXT NOT NULL,
                      hash TEXT NOT NULL)""",
                    "CREATE INDEX IF NOT EXISTS events_alert ON events(alert_id)", TOKENS, CAP_LINKS);
        }

        @Override
        public void lockForAppend(Connection c) {
            // The connection runs in IMMEDIATE transaction mode: the first statement takes SQLite's write lock.
        }
    };

    Dialect POSTGRES = new Dialect() {
        @Override
        public String name() {
            return "postgresql";
        }

        @Override
        public String serialKey() {
            return "BIGSERIAL PRIMARY KEY";
        }

        @Override
        public java.util.List<String> baseline() {
            return java.util.List.of("""
                    CREATE TABLE IF NOT EXISTS events (
                      seq BIGINT PRIMARY KEY,
                      at TEXT NOT NULL,
                      type TEXT NOT NULL,
                      alert_id TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      payload TEXT NOT NULL,
                      prev_hash TEXT NOT NULL,
                      hash TEXT NOT NULL)""",
                    "CREATE INDEX IF NOT EXISTS events_alert ON events(alert_id)", TOKENS, CAP_LINKS);
        }

        @Override
        public void lockForAppend(Connection c) throws SQLException {
            // Several nodes may write: a transaction-scoped advisory lock makes seq and the chain strictly serial.
            try (var st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(7262001)");
            }
        }
    };
}
