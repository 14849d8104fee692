package io.tocsin.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.auth.Token;
import io.tocsin.auth.TokenStore;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The token store's contract on both engines (it shares the event log's database). */
@ParameterizedClass(name = "{0}")
@EnumSource(ContractStore.Engine.class)
class TokenStoreContractTest extends StoreContract {

    // ---- the token store on the same database ----

    @Test
    void aCreatedTokenAuthenticatesAsItsActorAndIsListedWithoutItsSecret() {
        TokenStore tokens = new TokenStore(db, Clock.systemUTC());

        TokenStore.Created created = tokens.create(Role.OPERATOR, List.of("UA-32", "UA-80"), "Черговий Київщини", null);

        assertThat(created.bearer()).startsWith("tcs_" + created.token().id() + "_");
        Optional<Actor> actor = tokens.authenticate(created.bearer());
        assertThat(actor).contains(new Actor(created.token().id(), "Черговий Київщини", Role.OPERATOR,
                List.of("UA-32", "UA-80")));
        List<Token> listed = tokens.list();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).name()).isEqualTo("Черговий Київщини");
        assertThat(listed.get(0).scope()).containsExactly("UA-32", "UA-80");
        assertThat(listed.get(0).revokedAt()).isNull();
        assertThat(listed.get(0).toString()).doesNotContain(secretOf(created.bearer()));
        // Another node on the same database knows the token too.
        assertThat(new TokenStore(open(), Clock.systemUTC()).authenticate(created.bearer())).isEqualTo(actor);
    }

    @Test
    void aWrongSecretAnUnknownIdOrAMalformedBearerIsRejected() {
        TokenStore tokens = new TokenStore(db, Clock.systemUTC());
        TokenStore.Created created = tokens.create(Role.ADMIN, List.of(), "admin", null);
        String id = created.token().id();
        String secret = secretOf(created.bearer());
        char last = secret.charAt(secret.length() - 1);
        String flipped = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(tokens.authenticate("tcs_" + id + "_" + flipped)).isEmpty();
        assertThat(tokens.authenticate("tcs_" + id + "_")).isEmpty();
        assertThat(tokens.authenticate("tcs_000000000000_" + secret)).isEmpty();
        assertThat(tokens.authenticate(created.bearer().substring(4))).isEmpty();
        assertThat(tokens.authenticate("tcs_" + id)).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate(created.bearer())).isPresent();
    }

    @Test
    void aRevokedTokenStopsAuthenticatingAndCannotBeRevokedTwice() {
        TokenStore tokens = new TokenStore(db, Clock.systemUTC());
        TokenStore.Created created = tokens.create(Role.OPERATOR, List.of("UA-46"), "Lviv", null);
        assertThat(tokens.authenticate(created.bearer())).isPresent();

        assertThat(tokens.revoke(created.token().id())).isTrue();

        assertThat(tokens.authenticate(created.bearer())).isEmpty();
        assertThat(tokens.revoke(created.token().id())).isFalse();
        assertThat(tokens.revoke("nonexistent")).isFalse();
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
    }

    @Test
    void aRevocationOnOneNodeReachesAnotherWithinTheCacheLifetime() {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TokenStore nodeA = new TokenStore(db, clock);
        TokenStore nodeB = new TokenStore(open(), clock);
        TokenStore.Created created = nodeA.create(Role.ADMIN, List.of(), "admin", null);
        assertThat(nodeB.authenticate(created.bearer())).isPresent();

        nodeA.revoke(created.token().id());
        now.set(T0.plusSeconds(3));

        assertThat(nodeA.authenticate(created.bearer())).isEmpty();
        assertThat(nodeB.authenticate(created.bearer())).isEmpty();
    }

    @Test
    void anExpiredTokenIsRejected() {
        TokenStore tokens = new TokenStore(db, Clock.fixed(T0, ZoneOffset.UTC));
        TokenStore.Created created = tokens.create(Role.ADMIN, List.of(), "shift", T0.plusSeconds(60));
        assertThat(tokens.authenticate(created.bearer())).isPresent();

        TokenStore later = new TokenStore(db, Clock.fixed(T0.plusSeconds(61), ZoneOffset.UTC));

        assertThat(later.authenticate(created.bearer())).isEmpty();
    }

    private static String secretOf(String bearer) {
        return bearer.substring(bearer.indexOf('_', 4) + 1);
    }
}
