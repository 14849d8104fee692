package io.tocsin.cli;

import io.tocsin.db.Database;
import io.tocsin.server.ServerConfig;
import picocli.CommandLine.Option;

/** The --db option shared by every command that opens the database. */
final class DbOption {
    @Option(names = "--db", description = "sqlite:PATH or jdbc:postgresql://… (env TOCSIN_DB; default ${DEFAULT-VALUE})",
            defaultValue = "${env:TOCSIN_DB:-" + ServerConfig.DEFAULT_DB + "}")
    String url;

    /** The database, created (and its schema made) if it does not exist yet: for commands that write. */
    Database openForWriting() {
        return Database.open(url);
    }

    /** The database, which must exist: for commands that only read or change what is there. */
    Database openExisting() {
        return Database.openExisting(url);
    }

    /** Where this option points, for messages: the absolute file of a SQLite URL, else the URL without secrets. */
    String describe() {
        if (url.startsWith("jdbc:postgresql:")) {
            return url.replaceAll("(?i)(password=)[^&]*", "$1***");
        }
        return "sqlite:" + Database.sqlitePath(url).toAbsolutePath();
    }
}
