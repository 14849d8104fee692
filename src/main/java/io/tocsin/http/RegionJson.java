package io.tocsin.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.Region;
import io.tocsin.json.Json;

/** The JSON shape of a region. */
final class RegionJson {
    private RegionJson() {
    }

    static ObjectNode write(Region r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("code", r.code());
        n.put("katotth", r.katotth());
        n.put("kind", r.kind().wire());
        n.put("parent", r.parentCode());
        ObjectNode name = n.putObject("name");
        name.put("uk", r.nameUk());
        name.put("en", r.nameEn());
        return n;
    }
}
