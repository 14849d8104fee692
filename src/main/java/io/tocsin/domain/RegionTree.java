package io.tocsin.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Comparator;
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

    /** Finds a region by its public or KATOTTH code, in any case ({@code ua-46} is UA-46). */
    public Optional<Region> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Region exact = byAnyCode.get(code.trim());
        return Optional.ofNullable(exact != null ? exact : byAnyCode.get(code.trim().toUpperCase(Locale.ROOT)));
    }

    /** The region with this code; an unknown one is a problem that suggests the regions whose names match it. */
    public Region require(String code) {
        return find(code).orElseThrow(() -> new DomainException(Problem.UNKNOWN_REGION, unknown(code)));
    }

    /** "unknown region: X", with the regions whose names match X when there are any (people type names). */
    public String unknown(String code) {
        List<Region> near = code == null ? List.of() : named(code, 3);
        String hint = near.isEmpty() ? "" : "; did you mean " + String.join(", ", near.stream()
                .map(r -> r.code() + " (" + r.nameUk() + " / " + r.nameEn() + ")").toList()) + "?";
        return "unknown region: " + code + hint;
    }

    /**
     * Up to {@code limit} regions whose Ukrainian or English name, with or without its level word, equals or starts
     * with {@code text} (see {@link NameKey}); exact names first, then oblasts, raions, hromadas.
     */
    public List<Region> named(String text, int limit) {
        String q = NameKey.of(text);
        if (q.isEmpty()) {
            return List.of();
        }
        List<Region> exact = new ArrayList<>();
        List<Region> prefix = new ArrayList<>();
        for (Region r : byCode.values()) {
            if (r.kind() == RegionKind.COUNTRY) {
                continue;
            }
            String uk = NameKey.of(r.nameUk());
            String en = NameKey.of(r.nameEn());
            if (uk.equals(q) || en.equals(q)) {
                exact.add(r);
            } else if (NameKey.wordPrefix(uk, q) || NameKey.wordPrefix(en, q)) {
                prefix.add(r);
            }
        }
        Comparator<Region> byLevel = Comparator.comparing(Region::kind).thenComparing(r -> r.nameUk().length())
                .thenComparing(Region::nameUk);
        exact.sort(byLevel);
        prefix.sort(byLevel);
        exact.addAll(prefix);
        return List.copyOf(exact.subList(0, Math.min(limit, exact.size())));
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
