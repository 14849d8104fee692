package io.tocsin.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The attack reports as the log last left them (latest version of each), a fold like the board. */
public final class Reports {
    private final Map<String, AttackReport> byId = new ConcurrentHashMap<>();

    void fold(AttackReport r) {
        byId.put(r.id(), r);
    }

    public Optional<AttackReport> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** Every report, latest period first. */
    public List<AttackReport> all() {
        return byId.values().stream().sorted(Comparator.comparing(AttackReport::from).reversed()
                .thenComparing(AttackReport::id)).toList();
    }
}
