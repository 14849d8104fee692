package io.tocsin.compat;

import io.tocsin.auth.TokenStore;
import io.tocsin.compat.alertsinua.AlertsInUaApi;
import io.tocsin.compat.locations.LocationTable;
import io.tocsin.compat.locations.LocationTableLoader;
import io.tocsin.compat.ukrainealarm.UkraineAlarmApi;
import io.tocsin.compat.ukrainealarm.UkraineAlarmWebhooks;
import io.tocsin.compat.ukrainealarm.WebhookEncoder;
import io.tocsin.push.webhook.WebhookService;
import io.tocsin.compat.view.ViewBuilder;
import io.tocsin.compat.web.Access;
import io.tocsin.compat.web.RepStore;
import io.tocsin.domain.Board;
import io.tocsin.domain.RegionTree;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The alerts.in.ua v1 and ukrainealarm v3 APIs, served from the board so that the clients people already run work
 * against Tocsin by changing only their base URL (docs/compat.md). One location table, one view per board seq, one
 * set of encoded representations shared by both.
 */
public final class CompatApi {
    private CompatApi() {
    }

    /**
     * Mounts both APIs. {@code clientAddress} gives a request's client address as the server resolved it (through
     * trusted proxies), for the per-address limit. {@code afterListening} is given what to start once the server
     * listens: building the location table and the first representations.
     */
    public static void mount(Router router, Vertx vertx, Board board, RegionTree tree, TokenStore tokens,
                             CompatOptions options, Function<RoutingContext, String> clientAddress,
                             Consumer<Runnable> afterListening) {
        mount(router, vertx, board, tree, LocationTableLoader.deferred(tree), tokens, options, clientAddress,
                afterListening, null);
    }

    /**
     * The same on a (deferred) location table made elsewhere, with ukrainealarm's webhook endpoints when
     * {@code webhooks} is given (they deliver on the server's webhook engine).
     */
    public static void mount(Router router, Vertx vertx, Board board, RegionTree tree, LocationTable table,
                             TokenStore tokens, CompatOptions options, Function<RoutingContext, String> clientAddress,
                             Consumer<Runnable> afterListening, Webhooks webhooks) {
        Clock clock = Clock.systemUTC();
        RepStore store = new RepStore(vertx, board::snapshot, new ViewBuilder(tree, table),
                List.of(AlertsInUaApi.encoder(), UkraineAlarmApi.encoder(tree)), clock);
        afterListening.accept(() -> {
            table.loadInBackground();
            store.prepare();
        });
        Access access = new Access(vertx, tokens, options.anonymous(), options.perTokenPerMinute(),
                options.perAddressPerMinute(), clientAddress);
        new AlertsInUaApi(store, access, board, tree, table, clock).mount(router);
        new UkraineAlarmApi(store, access, board, tree, table, clock).mount(router);
        if (webhooks != null) {
            new UkraineAlarmWebhooks(vertx, access, webhooks.service(), webhooks.encoder(), board).mount(router);
        }
    }

    /** What ukrainealarm's webhook endpoints need: the webhook service and the payload's encoder. */
    public record Webhooks(WebhookService service, WebhookEncoder encoder) {
    }
}
