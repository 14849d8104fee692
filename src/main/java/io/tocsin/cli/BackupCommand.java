package io.tocsin.cli;

import io.tocsin.db.Database;
import io.tocsin.log.JdbcEventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tocsin backup --db sqlite:PATH FILE}: a consistent copy of a live SQLite database (the server may keep
 * writing), verified before the command says it is done. PostgreSQL is backed up with its own tool, pg_dump
 * (docs/operations.md says how); this command then only says so.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy a live SQLite database consistently (PostgreSQL: use pg_dump, see docs/operations.md).")
final class BackupCommand implements Callable<Integer> {
    @Parameters(description = "the file to write (must not exist)")
    Path target;
    @Mixin
    DbOption db = new DbOption();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (db.url().startsWith("jdbc:postgresql:")) {
            err.println("tocsin: back up PostgreSQL with pg_dump: pg_dump --format=custom --file FILE DBNAME"
                    + " (docs/operations.md)");
            return Main.USAGE;
        }
        if (Files.exists(target)) {
            err.println("tocsin: " + target.toAbsolutePath() + " exists; choose a new file");
            return Main.USAGE;
        }
        try (Database d = db.openExisting()) {
            d.backupTo(target);
        }
        try (Database copy = Database.openExisting("sqlite:" + target)) {
            var check = new JdbcEventLog(copy).verify();
            if (!check.intact()) {
                err.println("tocsin: the copy's chain is broken at seq " + check.firstBrokenSeq() + ": "
                        + check.reason());
                return 1;
            }
            out.println("backed up " + db.describe() + " to " + target.toAbsolutePath() + ": " + check.checked()
                    + " events, chain intact");
        }
        return 0;
    }
}
