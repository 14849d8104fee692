package io.tocsin.cli;

import io.tocsin.db.Database;
import io.tocsin.domain.RegionTree;
import io.tocsin.history.HistoryImport;
import io.tocsin.history.HistorySource;
import io.tocsin.history.ImportResult;
import io.tocsin.log.JdbcEventLog;
import io.tocsin.region.RegionCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tocsin import history}: the real alert record of 2022–24 into the log, once, with a progress bar. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import data into the record.",
        subcommands = ImportCommand.History.class)
final class ImportCommand {

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Import the 2022–24 air-raid alert history (Vadym Klymenko's dataset, MIT) as archived "
                    + "alerts: part of the hash-chained record and of the statistics, never streamed, never active. "
                    + "Running it again adds nothing.")
    static final class History implements Callable<Integer> {
        @Option(names = "--source", defaultValue = "official", paramLabel = "official|volunteer",
                description = "official (the air-alert channel, oblast/raion/hromada, 2022-03-15 → 2024-04-22) or "
                        + "volunteer (eTryvoga, oblast level, 2022-02-25 → 2024-10-10); default ${DEFAULT-VALUE}")
        String source;

        @Option(names = "--quiet", description = "no progress bar")
        boolean quiet;

        @Mixin
        DbOption db = new DbOption();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HistorySource s;
            try {
                s = HistorySource.valueOf(source.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("tocsin: --source must be official or volunteer, not '" + source + "'");
                return Main.USAGE;
            }
            RegionTree tree = RegionCatalog.load().tree();
            long t0 = System.nanoTime();
            ImportResult r;
            try (Database d = db.openForWriting(); JdbcEventLog log = new JdbcEventLog(d)) {
                ProgressBar bar = new ProgressBar(err, quiet);
                r = new HistoryImport(log, tree, Clock.systemUTC()).run(s, bar);
                bar.done();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            r.report().forEach(out::println);
            out.printf("%s: %d rows, %d alerts placed (%d added, %d already in the log), %d refused, in %d ms, "
                    + "into %s%n", s.wire(), r.rows(), r.placed(), r.added(), r.alreadyPresent(), r.refused().size(),
                    ms, db.describe());
            out.flush();
            return 0;
        }
    }

    /** A one-line bar on stderr, redrawn after each durable batch. */
    private static final class ProgressBar implements java.util.function.IntConsumer {
        private final PrintWriter err;
        private final boolean quiet;
        private int total;

        ProgressBar(PrintWriter err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public void accept(int value) {
            if (value < 0) {
                total = -value;
                return;
            }
            if (quiet || total == 0) {
                return;
            }
            int width = 40;
            int filled = (int) ((long) value * width / total);
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + value + "/" + total);
            err.flush();
        }

        void done() {
            if (!quiet && total > 0) {
                err.println();
            }
        }
    }
}
