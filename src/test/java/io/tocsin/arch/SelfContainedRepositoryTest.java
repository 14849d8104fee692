package io.tocsin.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A fresh clone must build and pass on its own: no test source, test resource or build file may name a path above
 * the project directory (relative paths that start with {@code ..}, {@code ${project.basedir}/..}) or the sibling
 * folders our own machines happen to have. Documentation may mention such paths (the benchmarks' peers live beside the checkout on purpose).
 */
class SelfContainedRepositoryTest {
    // Spelt in pieces so that this file does not itself contain the paths it looks for (it is checked like the rest).
    private static final String UP = "\\.\\." + "/";
    private static final String SIBLING = "shared";
    /** A relative path that climbs out of the directory it is resolved against, or names the sibling data folder. */
    private static final Pattern OUTSIDE = Pattern.compile("(?:^|[\\s\"'=(>])" + UP + "[\\w$.-]|basedir}/" + UP
            + "|/wor" + "k/" + SIBLING + "|\\b" + SIBLING + "/data/");

    @Test
    void noTestOrBuildFileRefersToAPathOutsideTheRepository() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("pom.xml"), Path.of("tocsin"), Path.of(".ci", "run"),
                Path.of(".mvn", "wrapper", "maven-wrapper.properties")));
        try (Stream<Path> tests = Files.walk(Path.of("src", "test", "java"))) {
            tests.filter(Files::isRegularFile).forEach(files::add);
        }
        files.add(Path.of("src", "test", "resources", "logging.properties"));

        List<String> offenders = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = OUTSIDE.matcher(lines.get(i));
                if (m.find()) {
                    offenders.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(offenders).as("files that read outside the repository").isEmpty();
    }

    @Test
    void thePatternCatchesTheFormsThatBrokeFreshClones() {
        String sibling = ".." + "/" + SIBLING;
        assertThat(OUTSIDE.matcher("Path.of(System.getProperty(\"x\", \"" + sibling + "\"), \"data\")").find()).isTrue();
        assertThat(OUTSIDE.matcher("<p>${project.basedir}/" + sibling + "</p>").find()).isTrue();
        assertThat(OUTSIDE.matcher("see " + SIBLING + "/data/SOURCES.md").find()).isTrue();
        assertThat(OUTSIDE.matcher("Path.of(\"src\", \"test\", \"resources\")").find()).isFalse();
        assertThat(OUTSIDE.matcher("\"a/../b\" is normalised").find()).isFalse();
    }
}
