package io.tocsin.cli;

import io.tocsin.auth.Token;
import io.tocsin.auth.TokenStore;
import io.tocsin.db.Database;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Role;
import io.tocsin.region.RegionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tocsin token create | list | revoke}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it once; only its hash is stored.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, description = "admin, operator or integrator")
        String role;
        @Option(names = "--scope", split = ",", description = "region codes an operator may act in (e.g. UA-32)")
        List<String> scope = List.of();
        @Option(names = "--name", required = true, description = "who holds it, e.g. \"Kyiv oblast duty officer\"")
        String name;
        @Option(names = "--expires-in", description = "lifetime, e.g. PT12H or P30D (ISO-8601 duration)")
        Duration expiresIn;
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            Role r = Role.parse(role);
            RegionTree tree = RegionCatalog.load().tree();
            List<String> codes = scope.stream().map(c -> tree.require(c).code()).toList();
            if (r == Role.OPERATOR && codes.isEmpty()) {
                System.err.println("an operator token needs --scope (use UA for the whole country)");
                return 2;
            }
            try (Database d = db.openForWriting()) {
                Instant expires = expiresIn == null ? null : Instant.now().plus(expiresIn);
                TokenStore.Created c = new TokenStore(d, Clock.systemUTC()).create(r, codes, name, expires);
                System.out.println(c.bearer());
                System.err.printf("token %s (%s, scope %s) created in %s; the secret above is shown only once%n",
                        c.token().id(), r.wire(), codes.isEmpty() ? "-" : String.join(",", codes), db.describe());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            try (Database d = db.openExisting()) {
                System.out.printf("%-12s %-10s %-20s %-8s %s%n", "ID", "ROLE", "SCOPE", "STATE", "NAME");
                Instant now = Instant.now();
                for (Token t : new TokenStore(d, Clock.systemUTC()).list()) {
                    String state = t.revokedAt() != null ? "revoked" : t.usableAt(now) ? "active" : "expired";
                    System.out.printf("%-12s %-10s %-20s %-8s %s%n", t.id(), t.role().wire(),
                            t.scope().isEmpty() ? "-" : String.join(",", t.scope()), state, t.name());
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(description = "token id (from token list)")
        String id;
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            try (Database d = db.openExisting()) {
                boolean done = new TokenStore(d, Clock.systemUTC()).revoke(id);
                System.out.println(done ? "revoked " + id : "no active token " + id);
                return done ? 0 : 1;
            }
        }
    }
}
