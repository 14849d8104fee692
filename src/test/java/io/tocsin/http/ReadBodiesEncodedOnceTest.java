package io.tocsin.http;

import io.tocsin.support.RunningServer;
import io.tocsin.support.ServerPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tocsin.support.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large reads are encoded once per board seq (and filter), whoever asks and however many at once, and are right
 * again after a change; a client holding the current ETag gets 304.
 */
@ExtendWith(ServerPerClass.class)
class ReadBodiesEncodedOnceTest {
    static RunningServer s;

    @Test
    void theFeedIsEncodedOncePerSeqForAnyNumberOfReadersAndFollowsAChange() throws Exception {
        String first = issue("UA-32");
        double before = encoded("cap_feed");

        List<HttpResponse<String>> replies = concurrently("/api/v1/cap/feed.atom", 8);
        replies.addAll(concurrently("/api/v1/cap/feed.atom", 8));
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("application/atom+xml"));
            assertThat(r.body()).contains("<id>urn:tocsin:" + first + ":");
        });
        assertThat(replies).extracting(HttpResponse::body).containsOnly(replies.get(0).body());
        assertThat(encoded("cap_feed") - before).isEqualTo(1);

        String etag = replies.get(0).headers().firstValue("ETag").orElseThrow();
        assertThat(conditional("/api/v1/cap/feed.atom", etag).statusCode()).isEqualTo(304);

        String second = issue("UA-46");
        HttpResponse<String> changed = conditional("/api/v1/cap/feed.atom", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("<id>urn:tocsin:" + first + ":", "<id>urn:tocsin:" + second + ":");
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        concurrently("/api/v1/cap/feed.atom", 4);
        assertThat(encoded("cap_feed") - before).isEqualTo(2);
    }

    @Test
    void theActiveListIsEncodedOncePerSeqAndFilter() throws Exception {
        String id = issue("UA-05");
        double before = encoded("alerts_active");

        assertThat(concurrently("/api/v1/alerts/active", 8)).allSatisfy(r ->
                assertThat(json(r).get("alerts").findValuesAsText("id")).contains(id));
        assertThat(encoded("alerts_active") - before).isEqualTo(1);
        assertThat(concurrently("/api/v1/alerts/active?region=UA-46", 4)).allSatisfy(r ->
                assertThat(json(r).get("alerts").findValuesAsText("id")).doesNotContain(id));
        assertThat(encoded("alerts_active") - before).isEqualTo(2);

        s.post("/api/v1/alerts/" + id + "/end", s.admin, "{}");
        assertThat(concurrently("/api/v1/alerts/active", 4)).allSatisfy(r ->
                assertThat(json(r).get("alerts").findValuesAsText("id")).doesNotContain(id));
        assertThat(encoded("alerts_active") - before).isEqualTo(3);
    }

    private static String issue(String region) {
        HttpResponse<String> r = s.post("/api/v1/alerts", s.admin,
                "{\"regions\":[\"" + region + "\"],\"threat\":\"air_raid\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("alert").get("id").asText();
    }

    private static List<HttpResponse<String>> concurrently(String path, int n) {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(s.http.sendAsync(HttpRequest.newBuilder(s.uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return new ArrayList<>(all.stream().map(CompletableFuture::join).toList());
    }

    private static HttpResponse<String> conditional(String path, String etag) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("If-None-Match", etag).GET().build());
    }

    /** {@code tocsin_read_bodies_encoded_total{read=...}} from /metrics; 0 before the first. */
    private static double encoded(String read) {
        Matcher m = Pattern.compile("(?m)^tocsin_read_bodies_encoded_total\\{[^}]*read=\"" + read + "\"[^}]*} (\\S+)$")
                .matcher(s.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
