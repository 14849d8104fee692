package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.Board;
import io.tocsin.domain.BoardSnapshot;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.domain.Region;
import io.tocsin.domain.Status;
import io.tocsin.json.AlertJson;
import io.tocsin.json.Json;
import io.tocsin.region.PointLocator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;

/** GET /api/v1/status?lat=&lon=: the region chain of a point and the alerts that cover it, with the seq they reflect. */
final class PointStatusResource {
    private final PointLocator locator;
    private final Board board;

    PointStatusResource(PointLocator locator, Board board) {
        this.locator = locator;
        this.board = board;
    }

    void mount(Router r) {
        r.get("/api/v1/status").handler(this::status);
    }

    private void status(RoutingContext ctx) {
        Double lat = Queries.coordinate(ctx, "lat", 90);
        Double lon = Queries.coordinate(ctx, "lon", 180);
        if (lat == null || lon == null) {
            throw new DomainException(Problem.INVALID_QUERY, "lat and lon are required");
        }
        List<Region> chain = locator.locate(lat, lon);
        if (chain.isEmpty()) {
            throw new DomainException(Problem.NOT_FOUND, "the point " + lat + ", " + lon + " is not inside Ukraine");
        }
        Set<Status> statuses = Queries.statuses(ctx);
        BoardSnapshot snapshot = board.snapshot();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("lat", lat);
        body.put("lon", lon);
        body.put("seq", snapshot.seq());
        ArrayNode regions = body.putArray("chain");
        chain.forEach(r -> regions.add(RegionJson.write(r)));
        ArrayNode alerts = body.putArray("alerts");
        snapshot.covering(chain.get(0).code()).stream().filter(a -> statuses.contains(a.status()))
                .forEach(a -> alerts.add(AlertJson.writePublic(a)));
        body.put("under_alert", !alerts.isEmpty());
        Replies.ok(ctx, body);
    }
}
