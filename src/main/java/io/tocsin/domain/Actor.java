package io.tocsin.domain;

import java.util.List;

/**
 * Who is acting: a token's id, role and scope (public region codes; an operator acts on a region and
 * everything below it).
 */
public record Actor(String id, String name, Role role, List<String> scope) {
    public Actor {
        scope = List.copyOf(scope);
    }

    /** True when this actor may act on every one of {@code regions}. */
    public boolean covers(RegionTree tree, List<String> regions) {
        if (role == Role.ADMIN) {
            return true;
        }
        if (role != Role.OPERATOR) {
            return false;
        }
        return regions.stream().allMatch(r -> scope.stream().anyMatch(s -> tree.isSelfOrAncestor(s, r)));
    }
}
