package io.tocsin.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time to shelter per region, as admins set it ({@code shelter.set} events), inherited downward: a hromada with no
 * setting of its own has its raion's, else its oblast's, else the country's.
 */
public final class ShelterTimes {
    private final RegionTree tree;
    private final Map<String, Integer> set = new ConcurrentHashMap<>();

    public ShelterTimes(RegionTree tree) {
        this.tree = tree;
    }

    /** A region's time to shelter and the region it was set on (itself or the nearest ancestor with one). */
    public record Inherited(int seconds, String setOn) {
    }

    void fold(ShelterSetting s) {
        if (s.seconds() == null) {
            set.remove(s.region());
        } else {
            set.put(s.region(), s.seconds());
        }
    }

    public Optional<Inherited> of(String code) {
        for (Region r : tree.chain(code)) {
            Integer v = set.get(r.code());
            if (v != null) {
                return Optional.of(new Inherited(v, r.code()));
            }
        }
        return Optional.empty();
    }

    /** The shortest time to shelter among the regions (what an alert on all of them must tell), null if none. */
    public Integer forRegions(List<String> codes) {
        if (set.isEmpty()) {
            return null;
        }
        Integer min = null;
        for (String c : codes) {
            Optional<Inherited> i = of(c);
            if (i.isPresent() && (min == null || i.get().seconds() < min)) {
                min = i.get().seconds();
            }
        }
        return min;
    }

    /** The rule for setting one: admins only, 1 s to an hour, or null to clear. */
    public static Event decide(RegionTree tree, Actor actor, String code, Integer seconds, java.time.Instant now) {
        if (actor.role() != Role.ADMIN) {
            throw new DomainException(Problem.FORBIDDEN, "only an admin sets the time to shelter");
        }
        Region r = tree.find(code).orElseThrow(() -> new DomainException(Problem.NOT_FOUND, tree.unknown(code)));
        if (seconds != null && (seconds < 1 || seconds > ShelterSetting.MAX_SECONDS)) {
            throw new DomainException(Problem.INVALID_FIELD, "seconds must be between 1 and "
                    + ShelterSetting.MAX_SECONDS + ", or null to inherit");
        }
        return Event.shelter(now, actor.id(), new ShelterSetting(r.code(), seconds));
    }
}
