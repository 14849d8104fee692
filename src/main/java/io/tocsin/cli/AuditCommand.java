package io.tocsin.cli;

import io.tocsin.db.Database;
import io.tocsin.domain.EventLog;
import io.tocsin.log.JdbcEventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code tocsin audit verify}: proves the hash chain intact or names the first broken seq. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the tamper-evident event log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Recompute the hash chain.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            try (Database d = Database.open(db.url)) {
                EventLog.ChainCheck check = new JdbcEventLog(d).verify();
                if (check.intact()) {
                    System.out.println("OK: " + check.checked() + " events, hash chain intact");
                    return 0;
                }
                System.out.println("BROKEN at seq " + check.firstBrokenSeq() + ": " + check.reason()
                        + " (" + check.checked() + " events before it are intact)");
                return 1;
            }
        }
    }
}
