package io.tocsin.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;

/** The public JSON shape of a logged event, as the events page and every stream send it. */
public final class EventJson {
    private EventJson() {
    }

    public static ObjectNode writePublic(LoggedEvent e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("seq", e.seq());
        n.put("type", e.event().type().wire());
        n.put("at", e.event().at().toString());
        if (e.event().shelter() != null) {
            n.putObject("shelter").put("region", e.event().shelter().region())
                    .put("seconds", e.event().shelter().seconds());
            return n;
        }
        if (e.event().report() != null) {
            n.set("report", ReportJson.write(e.event().report()));
            return n;
        }
        n.set("alert", AlertJson.writePublic(e.event().alert()));
        if (e.event().type() == EventType.REVIEW_REQUESTED) {
            // Only operators and admins ever receive these: name whose pieces crossed the bound, and where to look.
            n.put("operator", e.event().alert().issuedBy());
            n.put("review", "/api/v1/reviews");
        }
        return n;
    }

    /** The audit form: adds the actor and the hash-chain links. */
    public static ObjectNode writeAudit(LoggedEvent e) {
        ObjectNode n = writePublic(e);
        n.put("actor", e.event().actor());
        if (e.event().alert() != null) {
            ((ObjectNode) n.get("alert")).put("issued_by", e.event().alert().issuedBy());
        }
        n.put("prev_hash", e.prevHash());
        n.put("hash", e.hash());
        return n;
    }
}
