package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.Problem;
import io.tocsin.json.Json;
import io.tocsin.region.RegionSearch;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/regions?q=NAME[&limit=N]}: regions by name (see {@link RegionSearch}). Without {@code q} the
 * request goes on to the plain region list.
 */
final class RegionSearchResource {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;
    /** Longer than any place name; keeps a hostile query from costing more than a normal one. */
    static final int MAX_QUERY = 100;

    private final RegionSearch search;

    RegionSearchResource(RegionSearch search) {
        this.search = search;
    }

    void mount(Router r) {
        r.get("/api/v1/regions").handler(this::search);
    }

    private void search(RoutingContext ctx) {
        String q = Queries.one(ctx, "q");
        if (q == null) {
            ctx.next();
            return;
        }
        if (q.isBlank() || q.length() > MAX_QUERY) {
            throw new DomainException(Problem.INVALID_QUERY, "q must be 1 to " + MAX_QUERY + " characters");
        }
        int limit = DEFAULT_LIMIT;
        String l = Queries.one(ctx, "limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new DomainException(Problem.INVALID_QUERY, "limit must be 1 to " + MAX_LIMIT);
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (RegionSearch.Hit hit : search.search(q, limit)) {
            ObjectNode n = RegionJson.write(hit.region());
            if (hit.via() != null) {
                ObjectNode via = n.putObject("settlement");
                via.put("katotth", hit.via().katotth());
                via.put("kind", hit.via().kind().wire());
                ObjectNode name = via.putObject("name");
                name.put("uk", hit.via().nameUk());
                name.put("en", hit.via().nameEn());
            }
            out.add(n);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("query", q);
        body.put("count", out.size());
        body.set("regions", out);
        Replies.ok(ctx, body);
    }
}
