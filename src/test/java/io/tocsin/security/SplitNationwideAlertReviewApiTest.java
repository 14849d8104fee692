package io.tocsin.security;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.domain.Role;
import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import io.tocsin.support.SseClient;
import io.tocsin.support.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A nationwide alert split into pieces below the two-person bound is detected, not delayed: every piece is issued
 * at once, and when one operator's active actual alerts come to cover ten oblast-level units a
 * {@code review.requested} is logged and streamed to the other operators and admins — never to the public.
 */
@ExtendWith(ServerPerClass.class)
class SplitNationwideAlertReviewApiTest {
    static RunningServer s;
    static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void threeNineUnitAlertsByOneOperatorAreIssuedAtOnceAndAReviewReachesAnotherOperatorButNotThePublic()
            throws Exception {
        String splitter = s.token(Role.OPERATOR, List.of("UA"), "duty officer who splits");
        String colleague = s.token(Role.OPERATOR, List.of("UA"), "second national duty officer");
        List<String> oblasts = json(s.get("/api/v1/regions?kind=oblast")).get("regions").findValuesAsText("code");
        assertThat(oblasts).hasSize(27);
        String markerId;
        long reviewSeq;

        try (SseClient colleagueSse = SseClient.openAs(s.http, s.uri("/api/v1/stream"), colleague);
             WsClient colleagueWs = WsClient.openAs(s.http,
                     URI.create(s.uri("/api/v1/ws").toString().replaceFirst("^http", "ws")), colleague);
             SseClient adminSse = SseClient.openAs(s.http, s.uri("/api/v1/stream"), s.admin);
             SseClient ownSse = SseClient.openAs(s.http, s.uri("/api/v1/stream"), splitter);
             SseClient anonymous = SseClient.open(s.http, s.uri("/api/v1/stream"), null)) {
            assertThat(colleagueSse.status).isEqualTo(200);

            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String regions = "[\"" + String.join("\",\"", oblasts.subList(9 * i, 9 * i + 9)) + "\"]";
                HttpResponse<String> r = s.post("/api/v1/alerts", splitter,
                        "{\"regions\":" + regions + ",\"threat\":\"air_raid\",\"subtype\":\"cruise_missile\"}");
                assertThat(r.statusCode()).as("piece %d is issued at once: %s", i, r.body()).isEqualTo(201);
                pieces.add(json(r).get("alert").get("id").asText());
            }
            String splitterId = splitter.split("_")[1];

            SseClient.SseEvent review = untilType(colleagueSse, "review.requested");
            reviewSeq = review.id();
            assertThat(review.alertId()).as("the piece that crossed the bound").isEqualTo(pieces.get(1));
            assertThat(review.data().get("operator").asText()).isEqualTo(splitterId);
            assertThat(untilType(adminSse, "review.requested").alertId()).isEqualTo(pieces.get(1));
            JsonNode overWs = untilWsType(colleagueWs, "review.requested");
            assertThat(overWs.get("seq").asLong()).isEqualTo(review.id());

            // A marker after the review: streams deliver in seq order, so whoever saw the marker had its chance.
            HttpResponse<String> marker = s.post("/api/v1/alerts", colleague,
                    "{\"regions\":[\"UA-46\"],\"threat\":\"artillery\"}");
            markerId = json(marker).get("alert").get("id").asText();
            assertThat(typesUntil(anonymous, markerId)).as("the public stream").doesNotContain("review.requested")
                    .contains("alert.issued");
            assertThat(typesUntil(ownSse, markerId)).as("the operator it is about").doesNotContain("review.requested");
        }

        // Logged once, in the chain, but no alert, no public event.
        JsonNode audit = json(s.getAuth("/api/v1/audit?limit=1000", s.admin)).get("events");
        assertThat(audit.findValuesAsText("type").stream().filter("review.requested"::equals)).hasSize(1);
        assertThat(json(s.get("/api/v1/alerts/active")).get("count").asInt()).isEqualTo(4);
        assertThat(s.get("/api/v1/events?after=0&limit=1000").body()).doesNotContain("review.requested");

        // What is to be reviewed, for operators and admins.
        JsonNode reviews = json(s.getAuth("/api/v1/reviews", colleague)).get("reviews");
        assertThat(reviews).hasSize(1);
        assertThat(reviews.get(0).get("operator").asText()).isEqualTo(splitter.split("_")[1]);
        assertThat(reviews.get(0).get("oblast_count").asInt()).isEqualTo(27);
        assertThat(reviews.get(0).get("alerts")).hasSize(3);
        assertThat(s.get("/api/v1/reviews").statusCode()).isEqualTo(401);

        // Resuming from the log goes through the same check: a reviewer gets the review again, the public does not.
        try (SseClient reviewer = SseClient.open(s.http, s.uri("/api/v1/stream"), "0", colleague);
             SseClient publicReplay = SseClient.open(s.http, s.uri("/api/v1/stream"), "0")) {
            assertThat(untilType(reviewer, "review.requested").id()).isEqualTo(reviewSeq);
            assertThat(typesUntil(publicReplay, markerId)).doesNotContain("review.requested");
        }

        // "Come to": further pieces while the bound is already covered ask nothing more.
        assertThat(s.post("/api/v1/alerts", splitter, "{\"regions\":[\"UA-32\"],\"threat\":\"air_raid\"}")
                .statusCode()).isEqualTo(201);
        JsonNode after = json(s.getAuth("/api/v1/audit?limit=1000", s.admin)).get("events");
        assertThat(after.findValuesAsText("type").stream().filter("review.requested"::equals)).hasSize(1);
    }

    @Test
    void theSplitIsDetectedAcrossARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path db = dir.resolve("t.db");
        String splitter;
        List<String> oblasts;
        try (RunningServer first = RunningServer.onFile(db)) {
            splitter = first.token(Role.OPERATOR, List.of("UA"), "duty officer");
            oblasts = json(first.get("/api/v1/regions?kind=oblast")).get("regions").findValuesAsText("code");
            assertThat(first.post("/api/v1/alerts", splitter, "{\"regions\":" + quoted(oblasts.subList(0, 9))
                    + ",\"threat\":\"air_raid\"}").statusCode()).isEqualTo(201);
        }
        try (RunningServer second = RunningServer.onFile(db)) {
            assertThat(second.post("/api/v1/alerts", splitter, "{\"regions\":" + quoted(oblasts.subList(9, 10))
                    + ",\"threat\":\"air_raid\"}").statusCode()).isEqualTo(201);
            JsonNode audit = json(second.getAuth("/api/v1/audit?limit=1000", second.admin)).get("events");
            assertThat(audit.findValuesAsText("type")).containsExactly("alert.issued", "alert.issued",
                    "review.requested");
        }
    }

    private static String quoted(List<String> codes) {
        return "[\"" + String.join("\",\"", codes) + "\"]";
    }

    @Test
    void aStreamWithABadTokenIsRefusedNotDowngraded() throws Exception {
        try (SseClient bad = SseClient.openAs(s.http, s.uri("/api/v1/stream"), "tcs_nope_nope")) {
            assertThat(bad.status).isEqualTo(401);
        }
    }

    private static SseClient.SseEvent untilType(SseClient c, String type) {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            SseClient.SseEvent e = c.next(DEADLINE);
            if (e.type().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " within " + DEADLINE);
    }

    private static JsonNode untilWsType(WsClient c, String type) {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            JsonNode e = c.next(DEADLINE);
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " within " + DEADLINE);
    }

    private static List<String> typesUntil(SseClient c, String alertId) {
        List<String> types = new ArrayList<>();
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            SseClient.SseEvent e = c.next(DEADLINE);
            types.add(e.type());
            if (e.alertId().equals(alertId)) {
                return types;
            }
        }
        throw new AssertionError("the marker " + alertId + " did not arrive within " + DEADLINE);
    }
}
