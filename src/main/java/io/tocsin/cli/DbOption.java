package io.tocsin.cli;

import io.tocsin.config.Options;
import io.tocsin.config.Resolver;
import io.tocsin.db.Database;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The --db option shared by every command that opens the database. It resolves like serve's (flag, TOCSIN_DB, the db
 * key of the TOCSIN_CONFIG file, the default), so that the token and audit commands find the database the server uses.
 */
final class DbOption {
    @Option(names = "--db", paramLabel = "<db>", description = "sqlite:PATH or jdbc:postgresql://…, as for serve: "
            + "else TOCSIN_DB, else db in the TOCSIN_CONFIG file, else sqlite:data/tocsin.db")
    String flag;

    private String url;

    /** The database URL from the flag, the environment, the config file or the default. */
    String url() {
        if (url == null) {
            Map<String, String> given = flag == null ? Map.of() : Map.of(Options.DB.flag(), flag);
            url = Resolver.resolve(given, System.getenv(), Resolver.systemProperties()).get(Options.DB);
        }
        return url;
    }

    /** The database, created (and its schema made) if it does not exist yet: for commands that write. */
    Database openForWriting() {
        return Database.open(url());
    }

    /** The database, which must exist: for commands that only read or change what is there. */
    Database openExisting() {
        return Database.openExisting(url());
    }

    /** Where this option points, for messages: the absolute file of a SQLite URL, else the URL without secrets. */
    String describe() {
        if (url().startsWith("jdbc:postgresql:")) {
            return url().replaceAll("(?i)(password=)[^&]*", "$1***");
        }
        return "sqlite:" + Database.sqlitePath(url()).toAbsolutePath();
    }
}
