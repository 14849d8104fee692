package io.tocsin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.db.Database;
import io.tocsin.domain.Alert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code expires_at} is bounded (at most 30 days ahead), and an absurd expiry already in a log never makes a read
 * fail: the CAP export leaves out what CAP cannot express.
 */
class ExpiryBoundsApiTest {
    static final String ABSURD = "+1000000000-12-31T23:59:59Z";

    @Test
    void anExpiryInTheYear1000000000OrBeyondThirtyDaysIsRefusedNamingTheField() {
        try (RunningServer s = RunningServer.start()) {
            for (String expiry : List.of(ABSURD, Instant.now().plus(Duration.ofDays(31)).toString())) {
                HttpResponse<String> r = s.post("/api/v1/alerts", s.admin,
                        "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"expires_at\":\"" + expiry + "\"}");
                assertThat(r.statusCode()).as(expiry).isEqualTo(400);
                assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(json(r).get("code").asText()).isEqualTo("invalid-field");
                assertThat(json(r).get("detail").asText()).contains("expires_at");
            }
            String soon = Instant.now().plus(Duration.ofDays(29)).toString();
            HttpResponse<String> ok = s.post("/api/v1/alerts", s.admin,
                    "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\",\"expires_at\":\"" + soon + "\"}");
            assertThat(ok.statusCode()).isEqualTo(201);
            String id = json(ok).get("alert").get("id").asText();
            HttpResponse<String> patch = s.patch("/api/v1/alerts/" + id, s.admin, "{\"expires_at\":\"" + ABSURD + "\"}");
            assertThat(patch.statusCode()).isEqualTo(400);
            assertThat(json(patch).get("detail").asText()).contains("expires_at");
            assertThat(s.get("/api/v1/alerts/" + id + ".cap").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAlertStoredWithAnAbsurdExpiryStillExportsAsCapAndShowsInTheFeed(@TempDir Path dir) {
        Path file = dir.resolve("t.db");
        Instant now = Instant.now();
        Alert stored = new Alert("0190d5e2-0000-7000-8000-000000000001", List.of("UA-32"), Threat.AIR_RAID,
                Threat.AIR_RAID.normalise(null), Stage.ALERT, Status.ACTUAL, Texts.EMPTY, "op", now, now,
                Instant.parse(ABSURD), null, null);
        Database db = Database.sqlite(file);
        try {
            new JdbcEventLog(db).append(new Event(EventType.ISSUED, now, "op", stored));
        } finally {
            db.close();
        }
        try (RunningServer s = RunningServer.onFile(file)) {
            HttpResponse<String> cap = s.get("/api/v1/alerts/" + stored.id() + ".cap");
            assertThat(cap.statusCode()).as(cap.body()).isEqualTo(200);
            // CAP cannot write the year; the message holds for the renewal horizon instead, and says it has no own expiry.
            assertThat(cap.body()).contains("<identifier>", "<expires>", "<value>none</value>");
            JsonNode one = json(s.get("/api/v1/alerts/" + stored.id()));
            assertThat(one.get("expires_at").asText()).isEqualTo(ABSURD);
            assertThat(s.get("/api/v1/cap/feed.atom").body()).contains("<id>urn:tocsin:" + stored.id() + ":1</id>");
        }
    }
}
