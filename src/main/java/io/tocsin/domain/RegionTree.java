package io.tocsin.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable region hierarchy. Codes are looked up by their public code or their KATOTTH code, so an
 * integrator may use either for an oblast (UA-32 or UA32000000000030281).
 */
public final class RegionTree {
    private final Map<String, Region> byCode;
    private final Map<String, Region> byAnyCode;
    private final Map<String, List<Region>> children;

    public RegionTree(List<Region> regions) {
        Map<String, Region> codes = new LinkedHashMap<>();
        Map<String, Region> any = new HashMap<>();
        Map<String, List<Region>> kids = new HashMap<>();
        for (Region r : regions) {
            if (codes.put(r.code(), r) != null) {
                throw new IllegalArgumentException("duplicate region code " + r.code());
            }
            any.put(r.code(), r);
            if (r.katotth() != null) {
                any.put(r.katotth(), r);
            }
        }
        for (Region r : regions) {
            if (r.parentCode() != null) {
                if (!codes.containsKey(r.parentCode())) {
                    throw new IllegalArgumentException("region " + r.code() + " has unknown parent " + r.parentCode());
                }
                kids.computeIfAbsent(r.parentCode(), k -> new ArrayList<>()).add(r);
            }
        }
        kids.replaceAll((k, v) -> List.copyOf(v));
        this.byCode = Collections.unmodifiableMap(codes);
        this.byAnyCode = Map.copyOf(any);
        this.children = Map.copyOf(kids);
    }

    /** Finds a region by its public or KATOTTH code. */
    public Optional<Region> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byAnyCode.get(code.trim()));
    }

    public Region require(String code) {
        return find(code).orElseThrow(() -> new DomainException(Problem.UNKNOWN_REGION, "unknown region: " + code));
    }

    public List<Region> all() {
        return List.copyOf(byCode.values());
    }

    public List<Region> ofKind(RegionKind kind) {
        return byCode.values().stream().filter(r -> r.kind() == kind).toList();
    }

    public List<Region> children(String code) {
        return children.getOrDefault(require(code).code(), List.of());
    }

    /** The region and its ancestors, nearest first: hromada, raion, oblast, country. */
    public List<Region> chain(String code) {
        List<Region> chain = new ArrayList<>(4);
        Region r = require(code);
        while (r != null) {
            chain.add(r);
            r = r.parentCode() == null ? null : byCode.get(r.parentCode());
        }
        return chain;
    }

    /** True when {@code ancestor} is {@code code} itself or one of its ancestors. */
    public boolean isSelfOrAncestor(String ancestor, String code) {
        // Plain map reads, no Optional: the stream fan-out calls this per subscriber, and whether the JIT can
        // optimise an Optional away depends on what else ran; the fan-out must not allocate either way.
        Region a = byAnyCode.get(ancestor);
        Region r = byAnyCode.get(code);
        String target = (a != null ? a : require(ancestor)).code();
        if (r == null) {
            r = require(code);
        }
        while (r != null) {
            if (r.code().equals(target)) {
                return true;
            }
            r = r.parentCode() == null ? null : byCode.get(r.parentCode());
        }
        return false;
    }

    /** The oblast-level unit that holds the region, or empty for the country. */
    public Optional<Region> oblastOf(String code) {
        return chain(code).stream().filter(r -> r.kind() == RegionKind.OBLAST).findFirst();
    }

    public int size() {
        return byCode.size();
    }
}
