package io.tocsin.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JvmDefaultsTest {

    @Test
    void theLauncherAndTheBenchmarksChildServerStartTheJvmTheSameWay() throws Exception {
        String launcher = Files.readString(Path.of("tocsin"));
        assertThat(launcher).contains("${TOCSIN_JAVA_OPTS:-" + JvmDefaults.SERVER + "}");
        String defaultChildArgs = FanoutCommand.class.getDeclaredField("serverJvmArgs")
                .getAnnotation(picocli.CommandLine.Option.class).defaultValue();
        assertThat(defaultChildArgs).endsWith(JvmDefaults.SERVER);
    }
}
