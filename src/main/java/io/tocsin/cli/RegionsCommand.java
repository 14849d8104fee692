package io.tocsin.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.domain.Region;
import io.tocsin.domain.RegionKind;
import io.tocsin.json.Json;
import io.tocsin.region.RegionCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tocsin regions find --lat 50.45 --lon 30.52} and {@code tocsin regions list [--kind oblast]}: the region
 * catalog from the command line, as text for people or JSON ({@code --json}) for scripts.
 */
@Command(name = "regions", mixinStandardHelpOptions = true,
        description = "Look up the regions of Ukraine (KATOTTH codifier, ISO 3166-2 for oblasts).",
        subcommands = {RegionsCommand.Find.class, RegionsCommand.ListRegions.class, RegionsCommand.Search.class})
public final class RegionsCommand implements Runnable {
    private final Supplier<RegionCatalog> catalogSource;
    private RegionCatalog catalog;

    @Spec
    CommandSpec spec;

    /** Loads the catalog from the class path when a subcommand first needs it. */
    public RegionsCommand() {
        this(RegionCatalog::load);
    }

    /** Uses the given catalog source (a loaded catalog to share, or a test's). */
    public RegionsCommand(Supplier<RegionCatalog> catalogSource) {
        this.catalogSource = catalogSource;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private RegionCatalog catalog() {
        if (catalog == null) {
            catalog = catalogSource.get();
        }
        return catalog;
    }

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Print the regions that hold a point, nearest first (exit code 1 outside Ukraine).")
    static final class Find implements Callable<Integer> {
        @ParentCommand
        RegionsCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--lat", required = true, description = "Latitude, WGS 84 degrees (e.g. 50.45).")
        double lat;
        @Option(names = "--lon", required = true, description = "Longitude, WGS 84 degrees (e.g. 30.52).")
        double lon;
        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            List<Region> chain = parent.catalog().locator().locate(lat, lon);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(chain));
            } else if (chain.isEmpty()) {
                spec.commandLine().getErr().printf(Locale.ROOT, "No region of Ukraine holds %s, %s.%n", lat, lon);
            } else {
                printTable(out, chain);
            }
            out.flush();
            return chain.isEmpty() ? 1 : 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List regions, all or those of one kind and/or under one parent.")
    static final class ListRegions implements Callable<Integer> {
        @ParentCommand
        RegionsCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--kind", converter = KindConverter.class, paramLabel = "KIND",
                description = "country, oblast, raion or hromada.")
        RegionKind kind;
        @Option(names = "--parent", paramLabel = "CODE",
                description = "Only the direct children of this region (ISO or KATOTTH code), e.g. UA-46.")
        String parentCode;
        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            var tree = parent.catalog().tree();
            if (parentCode != null && tree.find(parentCode).isEmpty()) {
                spec.commandLine().getErr().println("Unknown region code: " + parentCode);
                spec.commandLine().getErr().flush();
                return CommandLine.ExitCode.USAGE;
            }
            List<Region> regions = parentCode == null ? tree.all() : tree.children(parentCode);
            if (kind != null) {
                regions = regions.stream().filter(r -> r.kind() == kind).toList();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(regions));
            } else {
                printTable(out, regions);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Find regions by name, Ukrainian or English (prefix, any case, any apostrophe); a settlement"
                    + " (city, town, village) gives the hromada it lies in.")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        RegionsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "NAME", description = "the name or its beginning, e.g. Бровари, kryvyi rih")
        List<String> words;
        @Option(names = "--limit", defaultValue = "10", description = "at most this many matches (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<io.tocsin.region.RegionSearch.Hit> hits = parent.catalog().search().search(String.join(" ", words), limit);
            if (hits.isEmpty()) {
                spec.commandLine().getErr().println("no region or settlement is named like '" + String.join(" ", words) + "'");
                spec.commandLine().getErr().flush();
                return 1;
            }
            for (io.tocsin.region.RegionSearch.Hit hit : hits) {
                Region r = hit.region();
                String via = hit.via() == null ? "" : "  ← " + hit.via().kind().wire() + " " + hit.via().nameUk() + " / "
                        + hit.via().nameEn();
                out.printf(Locale.ROOT, "%-8s %-19s %s / %s%s%n", r.kind().wire(), r.code(), r.nameUk(), r.nameEn(), via);
            }
            out.flush();
            return 0;
        }
    }

    /** Accepts the wire names (oblast) as well as the enum's (OBLAST). */
    static final class KindConverter implements ITypeConverter<RegionKind> {
        @Override
        public RegionKind convert(String value) {
            try {
                return RegionKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected country, oblast, raion or hromada but got '" + value + "'");
            }
        }
    }

    /** One line per region: kind, code, Ukrainian / English name; columns aligned for reading. */
    static void printTable(PrintWriter out, List<Region> regions) {
        for (Region r : regions) {
            out.printf(Locale.ROOT, "%-8s %-19s %s / %s%n", r.kind().wire(), r.code(), r.nameUk(), r.nameEn());
        }
    }

    static String toJson(List<Region> regions) throws JsonProcessingException {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Region r : regions) {
            ObjectNode n = array.addObject();
            n.put("code", r.code());
            n.put("katotth", r.katotth());
            n.put("kind", r.kind().wire());
            n.put("parent", r.parentCode());
            ObjectNode name = n.putObject("name");
            name.put("uk", r.nameUk());
            name.put("en", r.nameEn());
        }
        return Json.MAPPER.writeValueAsString(array);
    }
}
