package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.cluster.ClusterNode;

/** The cluster part of /health: how far behind the log this node is, its NATS connection and the lease. */
final class ClusterHealth {
    private ClusterHealth() {
    }

    static void put(ObjectNode body, ClusterNode.Health h) {
        ObjectNode c = body.putObject("cluster");
        c.put("node", h.node()).put("nats", h.nats()).put("lag", h.lag()).put("lagging_ms", h.laggingMs())
                .put("lag_bound_ms", ClusterNode.LAG_BOUND.toMillis()).put("gap_fills", h.gapFills());
        c.putObject("lease").put("held", h.leaseHeld()).put("generation", h.leaseGeneration())
                .put("holder", h.leaseHolder());
    }
}
