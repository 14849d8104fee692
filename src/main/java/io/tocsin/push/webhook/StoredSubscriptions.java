package io.tocsin.push.webhook;

import io.tocsin.push.CursorStore;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings an engine's lanes in line with the stored subscriptions. In a cluster any node's API creates, changes
 * and deletes subscriptions, while only the lease holder's engine delivers: the holder calls {@link #sync} every
 * few seconds. A new subscription starts from the cursor its creator stored (the log's head then), so nothing
 * committed between its creation and the holder's next sync is skipped.
 */
public final class StoredSubscriptions {
    private final WebhookStore store;
    private final CursorStore cursors;
    private final WebhookEngine engine;

    public StoredSubscriptions(WebhookStore store, CursorStore cursors, WebhookEngine engine) {
        this.store = store;
        this.cursors = cursors;
        this.engine = engine;
    }

    public void sync() {
        List<Webhook> stored = store.list(null);
        Map<String, Webhook> delivering = engine.hooks();
        Map<String, Long> at = null;
        Set<String> ids = new HashSet<>();
        for (Webhook w : stored) {
            ids.add(w.id());
            Webhook known = delivering.get(w.id());
            if (known == null) {
                if (at == null) {
                    at = cursors.loadAll("webhook:");
                }
                Long cursor = at.get(w.consumer());
                if (cursor != null) { // the creator stores the cursor first; without one it is still being made
                    engine.add(w, cursor);
                }
            } else if (!known.equals(w)) {
                engine.update(w);
            }
        }
        delivering.keySet().stream().filter(id -> !ids.contains(id)).forEach(engine::remove);
    }
}
