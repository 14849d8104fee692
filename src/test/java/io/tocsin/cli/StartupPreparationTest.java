package io.tocsin.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the launcher's training run prepares for later starts, and the catalog loaded beside the command line. */
class StartupPreparationTest {
    @Test
    void trainingCopiesSqlitesLibraryForThisMachineByteForByte(@TempDir Path dir) throws Exception {
        StartupTrainingCommand.copySqliteLibrary(dir.resolve("native"));
        Path lib = dir.resolve("native").resolve(System.mapLibraryName("sqlitejdbc"));
        assertThat(lib).isRegularFile();
        String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = StartupTrainingCommand.class.getResourceAsStream(resource)) {
            assertThat(in).isNotNull();
            assertThat(Files.readAllBytes(lib)).isEqualTo(in.readAllBytes());
        }
        try (Stream<Path> left = Files.list(dir.resolve("native"))) {
            assertThat(left).containsExactly(lib); // no temporary file left behind
        }
    }

    @Test
    void aPreloadedCatalogIsTheOneTheServerCommandTakesAndOnlyOnce() {
        CatalogPreload.startFor(new String[] {"serve", "--port", "0"});
        var first = CatalogPreload.take();
        var second = CatalogPreload.take();
        assertThat(first.tree().find("UA-46")).isPresent();
        assertThat(second).isNotSameAs(first);
        assertThat(second.tree().size()).isEqualTo(first.tree().size());
    }

    @Test
    void otherCommandsPreloadNothing() {
        CatalogPreload.startFor(new String[] {"token", "list"});
        CatalogPreload.startFor(new String[] {});
        assertThat(CatalogPreload.take().tree().find("UA-32")).isPresent();
    }
}
