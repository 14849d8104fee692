package io.tocsin.cli;

import io.tocsin.server.ServerConfig;
import picocli.CommandLine.Option;

/** The --db option shared by every command that opens the database. */
final class DbOption {
    @Option(names = "--db", description = "sqlite:PATH or jdbc:postgresql://… (env TOCSIN_DB; default ${DEFAULT-VALUE})",
            defaultValue = "${env:TOCSIN_DB:-" + ServerConfig.DEFAULT_DB + "}")
    String url;
}
