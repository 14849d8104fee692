package io.tocsin.log;

import io.tocsin.domain.Status;
import io.tocsin.push.CursorStore;
import io.tocsin.push.webhook.DeliveryRecord;
import io.tocsin.push.webhook.Webhook;
import io.tocsin.push.webhook.WebhookStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The push channels' stores on both engines: followers' cursors, webhook subscriptions, messages and attempts. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class PushStoreContractTest extends StoreContract {

    static Webhook hook(String id, String owner) {
        return new Webhook(id, owner, Webhook.Kind.STANDARD, "https://example.org/" + id, List.of("UA-46", "UA-32"),
                Set.of("air_raid:drones"), Set.of(Status.ACTUAL, Status.EXERCISE), "json", "whsec_AAAA", null, null,
                60, true, null, T0, T0);
    }

    @Test
    void aThousandCursorsAreWrittenInOneBatchAndNeverMoveBack() {
        CursorStore cursors = new CursorStore(db);
        Map<String, Long> batch = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            batch.put("webhook:" + i, 42L);
        }
        cursors.saveAll(batch);
        assertThat(cursors.loadAll("webhook:")).hasSize(1000).containsEntry("webhook:7", 42L);
        cursors.saveAll(Map.of("webhook:7", 41L, "webhook:8", 43L));
        assertThat(cursors.load("webhook:7")).hasValue(42);
        assertThat(cursors.load("webhook:8")).hasValue(43);
        cursors.reset("webhook:7", 3);
        assertThat(cursors.load("webhook:7")).hasValue(3);
        cursors.saveAll(Map.of("mqtt", 9L));
        assertThat(cursors.loadAll("webhook:")).doesNotContainKey("mqtt");
        cursors.delete("webhook:7");
        assertThat(cursors.load("webhook:7")).isEmpty();
        // Another node opening the same store sees the same cursors.
        assertThat(new CursorStore(open()).load("webhook:8")).hasValue(43);
    }

    @Test
    void subscriptionsRoundTripAndListByOwner() {
        WebhookStore store = new WebhookStore(db);
        store.insert(hook("wh_a", "alice"));
        store.insert(hook("wh_b", "bob"));
        assertThat(store.get("wh_a")).hasValue(hook("wh_a", "alice"));
        assertThat(store.list("alice")).extracting(Webhook::id).containsExactly("wh_a");
        assertThat(store.list(null)).hasSize(2);
        Webhook off = hook("wh_a", "alice").disabled("the receiver answered 410 Gone", T0.plusSeconds(5));
        assertThat(store.update(off)).isTrue();
        assertThat(store.get("wh_a").orElseThrow().enabled()).isFalse();
        assertThat(store.get("wh_a").orElseThrow().disabledReason()).contains("410");
        assertThat(store.delete("wh_a")).isTrue();
        assertThat(store.get("wh_a")).isEmpty();
        assertThat(store.update(off)).isFalse();
    }

    @Test
    void messagesAreKeptOnceAndAttemptsListNewestFirst() {
        WebhookStore store = new WebhookStore(db);
        store.insert(hook("wh_a", "alice"));
        byte[] body = "{\"seq\":5,\"title\":\"Тривога\"}".getBytes(StandardCharsets.UTF_8);
        var m = new WebhookStore.StoredMessage("msg_wh_a_5", "wh_a", 5, "application/json", body);
        Instant at = Instant.now();
        store.record(List.of(m), List.of(new DeliveryRecord(0, "wh_a", "msg_wh_a_5", 5, 1, at, 500, 12, "failed",
                "the receiver answered 500"), new DeliveryRecord(0, "wh_a", "msg_wh_a_5", 5, 2, at, null, 1000,
                "failed", "no response within 1000 ms")));
        store.record(List.of(new WebhookStore.StoredMessage("msg_wh_a_5", "wh_a", 5, "application/json",
                "other".getBytes(StandardCharsets.UTF_8))), List.of(new DeliveryRecord(0, "wh_a", "msg_wh_a_5", 5, 3,
                at, 200, 3, "delivered", null)));
        assertThat(store.message("wh_a", "msg_wh_a_5").orElseThrow().body()).isEqualTo(body);
        assertThat(store.message("wh_b", "msg_wh_a_5")).isEmpty();
        List<DeliveryRecord> log = store.deliveries("wh_a", 0, 10);
        assertThat(log).extracting(DeliveryRecord::attempt).containsExactly(3, 2, 1);
        assertThat(log.get(1).status()).isNull();
        assertThat(log.get(2).status()).isEqualTo(500);
        assertThat(store.deliveries("wh_a", log.get(0).id(), 10)).hasSize(2);
        assertThat(store.forgetBefore(at.plusSeconds(1))).isEqualTo(3);
        assertThat(store.deliveries("wh_a", 0, 10)).isEmpty();
    }
}
