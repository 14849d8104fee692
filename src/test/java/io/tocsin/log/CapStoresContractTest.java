package io.tocsin.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cap.mapping.CapOrigin;
import io.tocsin.cap.mapping.JdbcCapLinkStore;
import io.tocsin.cap.mapping.JdbcCapOriginStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The CAP stores beside the log (links of imported messages, their origins): one contract on both engines. */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class CapStoresContractTest extends StoreContract {
    static CapOrigin origin(long seq, String alert, String identifier, String certainty) {
        return new CapOrigin(seq, alert, "cap@lviv-ova.example.gov.ua", identifier, "2026-03-01T10:00:00+02:00",
                "Львівська ОВА", "Загроза з повітря", null, "https://lviv-ova.example.gov.ua/a/1", null, "Safety",
                "Immediate", certainty);
    }

    @Test
    void originsAreReadBackPerAlertInSeqOrderWithTheirGapsByAnotherNodeToo() {
        JdbcCapOriginStore origins = new JdbcCapOriginStore(db);
        origins.record(origin(7, "a1", "UA46-0002", "Observed"));
        origins.record(origin(3, "a1", "UA46-0001", "Likely"));
        origins.record(origin(5, "a2", "UA46-0009", "Likely"));
        origins.record(origin(3, "a1", "UA46-0001-again", "Possible")); // the same event: kept once, the first
        var read = new JdbcCapOriginStore(open()).forAlert("a1");
        assertThat(read).containsExactly(origin(3, "a1", "UA46-0001", "Likely"), origin(7, "a1", "UA46-0002", "Observed"));
        assertThat(read.get(0).descriptionEn()).isNull();
        assertThat(read.get(0).citation()).isEqualTo("cap@lviv-ova.example.gov.ua,UA46-0001,2026-03-01T10:00:00+02:00");
        assertThat(origins.forAlert("none")).isEmpty();
    }

    @Test
    void linksAreKeptOncePerMessageAndFoundByAnotherNode() {
        JdbcCapLinkStore links = new JdbcCapLinkStore(db);
        links.put("cap@lviv-ova.example.gov.ua", "UA46-0001", "a1");
        links.put("cap@lviv-ova.example.gov.ua", "UA46-0001", "a2");
        assertThat(new JdbcCapLinkStore(open()).get("cap@lviv-ova.example.gov.ua", "UA46-0001")).contains("a1");
        assertThat(links.get("cap@lviv-ova.example.gov.ua", "UA46-0002")).isEmpty();
    }
}
