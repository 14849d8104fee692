package io.tocsin.cli;

import io.tocsin.demo.Demo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.concurrent.Callable;

/**
 * {@code tocsin demo}: a server on a fresh embedded SQLite database, an operator token, and a real day of the
 * alert history replayed through it, from a busy moment of the day so the first screen already shows alerts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a server on a fresh SQLite database and replay a real day of alerts.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--date", defaultValue = "2022-10-10",
            description = "the day to replay (a Kyiv calendar day), 2022-03-15..2024-04-22; default ${DEFAULT-VALUE}")
    LocalDate date;

    @Option(names = "--from", paramLabel = "HH:MM", converter = KyivTime.class,
            description = "Kyiv time of that day to start at; alerts running then are issued at once"
                    + " (default: the first moment with at least half as many alerts running as at the day's peak)")
    LocalTime from;

    @Option(names = "--speed", defaultValue = "60", description = "replay speed; 60 = an hour per minute")
    double speed;

    @Option(names = "--port", defaultValue = "${env:TOCSIN_PORT:-8080}", description = "port; 0 = any free")
    int port;

    @Option(names = "--once", description = "stop after one pass over the day (default: replay it again and again)")
    boolean once;

    @Option(names = "--db", description = "keep the demo in this database (default: a fresh temporary file)")
    String db;

    /** {@code --from}: 24-hour HH:MM, strictly, so that "7:3" or "25:00" is a usage error, not a guess. */
    static final class KyivTime implements CommandLine.ITypeConverter<LocalTime> {
        private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
                .withResolverStyle(ResolverStyle.STRICT);

        @Override
        public LocalTime convert(String value) {
            try {
                return LocalTime.parse(value, HH_MM);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a time of day as HH:MM (24-hour Kyiv time, e.g. 07:00)");
            }
        }
    }

    @Override
    public Integer call() {
        if (speed <= 0) {
            System.err.println("--speed must be positive");
            return Main.USAGE;
        }
        Demo demo = Demo.start(new Demo.Options(date, from, speed, port, once, db), CatalogPreload.take());
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "tocsin-shutdown"));
        System.out.print(demo.banner());
        System.out.flush();
        ServeCommandState.markRunning();
        return 0;
    }
}
