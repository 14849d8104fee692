package io.tocsin.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.domain.DomainException;
import io.tocsin.domain.RegionKind;
import io.tocsin.domain.RegionTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding a place by the name people know it by, in either language, however they type the apostrophe. */
class RegionSearchTest {
    private final RegionCatalog catalog = TestCatalog.get();
    private final RegionSearch search = catalog.search();
    private final RegionTree tree = catalog.tree();

    private RegionSearch.Hit first(String query) {
        List<RegionSearch.Hit> hits = search.search(query, 10);
        assertThat(hits).as("hits for %s", query).isNotEmpty();
        return hits.get(0);
    }

    @Test
    void aCityFoundByItsUkrainianOrEnglishNameResolvesToItsHromada() {
        for (String q : List.of("Бровари", "brovary", "БРОВАРИ", "Brov")) {
            RegionSearch.Hit hit = search.search(q, 10).stream().filter(h -> h.via() != null).findFirst().orElseThrow();
            assertThat(hit.via().nameUk()).as(q).isEqualTo("Бровари");
            assertThat(hit.via().kind()).isEqualTo(Settlement.Kind.CITY);
            assertThat(hit.region().kind()).isEqualTo(RegionKind.HROMADA);
            assertThat(hit.region().nameUk()).isEqualTo("Броварська територіальна громада");
            assertThat(tree.isSelfOrAncestor("UA-32", hit.region().code())).isTrue();
        }
    }

    @Test
    void kryvyiRihTheCityComesBeforeTheVillageOfTheSameName() {
        for (String q : List.of("Кривий Ріг", "kryvyi rih", "Kryvyi-Rih")) {
            RegionSearch.Hit hit = first(q);
            assertThat(hit.via()).as(q).isNotNull();
            assertThat(hit.via().kind()).isEqualTo(Settlement.Kind.CITY);
            assertThat(tree.isSelfOrAncestor("UA-12", hit.region().code())).as(q).isTrue();
        }
    }

    @Test
    void apostrophesAreIgnoredWhicheverIsTyped() {
        List<String> straight = search.search("Кам'янське", 5).stream().map(h -> h.region().code()).toList();
        assertThat(straight).isNotEmpty();
        assertThat(search.search("Камʼянське", 5).stream().map(h -> h.region().code()).toList()).isEqualTo(straight);
        assertThat(search.search("Кам’янське", 5).stream().map(h -> h.region().code()).toList()).isEqualTo(straight);
        assertThat(search.search("Камянське", 5).stream().map(h -> h.region().code()).toList()).isEqualTo(straight);
    }

    @Test
    void prefixesRankOblastsThenRaionsThenHromadasThenSettlementsAfterExactNames() {
        List<RegionSearch.Hit> hits = search.search("Харків", 10);

        assertThat(hits.get(0).via()).as("the city Харків is an exact name").isNotNull();
        List<RegionKind> rest = hits.subList(1, hits.size()).stream().filter(h -> h.via() == null)
                .map(h -> h.region().kind()).toList();
        assertThat(rest).isSorted().contains(RegionKind.OBLAST, RegionKind.RAION);
        assertThat(hits.get(1).region().code()).isEqualTo("UA-63");
    }

    @Test
    void aCodeInAnyCaseFindsItsRegionAndAnUnknownOneSuggestsNames() {
        assertThat(tree.require("ua-46").code()).isEqualTo("UA-46");
        assertThat(first("ua-46").region().code()).isEqualTo("UA-46");
        assertThatThrownBy(() -> tree.require("Lviv")).isInstanceOf(DomainException.class)
                .hasMessageContaining("did you mean").hasMessageContaining("UA-46");
    }

    @Test
    void nothingMatchesNonsense() {
        assertThat(search.search("zzqx", 10)).isEmpty();
        assertThat(search.search("   ", 10)).isEmpty();
    }
}
