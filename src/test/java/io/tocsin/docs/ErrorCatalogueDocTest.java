package io.tocsin.docs;

import io.tocsin.domain.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCatalogueDocTest {

    @Test
    void everyProblemCodeIsDocumentedWithItsStatus() throws Exception {
        String doc = Files.readString(Path.of("docs/errors.md"));
        for (Problem p : Problem.values()) {
            assertThat(doc).as("docs/errors.md documents " + p.code())
                    .contains("| `" + p.code() + "` | " + p.status() + " |");
        }
    }
}
