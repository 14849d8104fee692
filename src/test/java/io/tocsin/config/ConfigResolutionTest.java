package io.tocsin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One resolution for every option: flag > environment > config file > default, with older names still working. */
class ConfigResolutionTest {
    @TempDir
    Path dir;

    private Path file(String toml) throws IOException {
        Path f = dir.resolve("tocsin.toml");
        Files.writeString(f, toml);
        return f;
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws IOException {
        Path f = file("port = 7001\nhost = \"0.0.0.0\"\nwrites_per_second = 7\n");
        Map<String, String> env = Map.of("TOCSIN_CONFIG", f.toString(), "TOCSIN_PORT", "7002", "TOCSIN_HOST", "::1");

        Settings s = Resolver.resolve(Map.of("--port", "7003"), env, Map.of());

        assertThat(s.get(Options.PORT)).isEqualTo(7003);
        assertThat(s.source(Options.PORT)).isEqualTo("--port");
        assertThat(s.get(Options.HOST)).isEqualTo("::1");
        assertThat(s.source(Options.HOST)).isEqualTo("TOCSIN_HOST");
        assertThat(s.get(Options.WRITES_PER_SECOND)).isEqualTo(7);
        assertThat(s.source(Options.WRITES_PER_SECOND)).isEqualTo(f + ": writes_per_second");
        assertThat(s.get(Options.IDLE_TIMEOUT)).isEqualTo(60);
        assertThat(s.source(Options.IDLE_TIMEOUT)).isEqualTo("default");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void theFileGivesEveryKindOfValueToTheServerConfig() throws IOException {
        Path f = file("""
                db = "sqlite:/tmp/x.db"
                trusted_proxies = ["10.0.0.0/8", "192.168.1.10/32"]
                accept_broken_chain_is_not_here = false
                """.replace("accept_broken_chain_is_not_here = false\n", "")
                + "public_url = \"https://alerts.example.org/\"\nnative_transport = false\nevent_loops = 3\n"
                + "checkpoint_key = \"/var/lib/tocsin/k\"\n");

        ServerConfig c = ServerConfig.from(Resolver.ofFile(f));

        assertThat(c.database()).isEqualTo("sqlite:/tmp/x.db");
        assertThat(c.trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.10/32");
        assertThat(c.identity().publicUrl()).isEqualTo("https://alerts.example.org");
        assertThat(c.transport()).isEqualTo(new ServerConfig.Transport(3, false));
        assertThat(c.checkpoints().key()).isEqualTo(Path.of("/var/lib/tocsin/k"));
        assertThat(c.port()).isEqualTo(8080);
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorThatNamesIt() throws IOException {
        Path f = file("prot = 9000\nhost = \"127.0.0.1\"\ncolour = \"blue\"\n");

        assertThatThrownBy(() -> Resolver.ofFile(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        f + ": unknown key 'prot' (did you mean 'port'?)",
                        f + ": unknown key 'colour'"));
    }

    @Test
    void aValueOfTheWrongTypeOrRangeNamesTheKeyOrVariable() throws IOException {
        Path f = file("port = \"8080\"\nheader_timeout = 0\n");

        assertThatThrownBy(() -> Resolver.resolve(Map.of(), Map.of("TOCSIN_CONFIG", f.toString(),
                "TOCSIN_IDLE_TIMEOUT", "soon"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        f + ": port: expected a TOML integer 0..65535, got a string \"8080\"",
                        f + ": header_timeout: expected an integer at least 1, got 0",
                        "TOCSIN_IDLE_TIMEOUT: expected an integer at least 1, got 'soon'"));
    }

    @Test
    void aFlagOnlyOptionCannotBeLeftInAFile() throws IOException {
        Path f = file("accept_broken_chain = true\n");

        assertThatThrownBy(() -> Resolver.ofFile(f)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).singleElement().asString()
                        .startsWith(f + ": key 'accept_broken_chain' cannot be set in a file"));
    }

    @Test
    void aFileThatIsNotTomlIsNamedWithTheParsersReason() throws IOException {
        Path f = file("port = \n");

        assertThatThrownBy(() -> Resolver.ofFile(f)).hasMessageStartingWith(f + ": not valid TOML: ");
    }

    @Test
    void aTableIsAnUnknownKey() throws IOException {
        Path f = file("[server]\nport = 1\n");

        assertThatThrownBy(() -> Resolver.ofFile(f)).hasMessage(f + ": unknown key 'server'");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.toml");

        assertThatThrownBy(() -> Resolver.resolve(Map.of("--config", missing.toString()), Map.of(), Map.of()))
                .hasMessage(missing + ": no such config file");
    }

    @Test
    void deprecatedNamesStillWorkAndEachWarnsOnce() {
        Settings s = Resolver.resolve(Map.of("--cors-origin", "https://a.example,https://b.example"),
                Map.of("TOCSIN_AUTH_FAILURES", "3"),
                Map.of("tocsin.nativeTransport", "false", "tocsin.cap.sender", "tocsin@x.example"));

        assertThat(s.get(Options.CORS_ORIGINS)).containsExactly("https://a.example", "https://b.example");
        assertThat(s.get(Options.AUTH_FAILURES_PER_MINUTE)).isEqualTo(3);
        assertThat(s.get(Options.NATIVE_TRANSPORT)).isFalse();
        assertThat(s.get(Options.CAP_SENDER)).isEqualTo("tocsin@x.example");
        assertThat(s.warnings()).containsExactly(
                "-Dtocsin.cap.sender is deprecated: use --cap-sender, TOCSIN_CAP_SENDER, cap_sender in the config file",
                "TOCSIN_AUTH_FAILURES is deprecated: use --auth-failures-per-minute, "
                        + "TOCSIN_AUTH_FAILURES_PER_MINUTE, auth_failures_per_minute in the config file",
                "--cors-origin is deprecated: use --cors-origins, TOCSIN_CORS_ORIGINS, cors_origins in the config file",
                "-Dtocsin.nativeTransport is deprecated: use --native-transport, TOCSIN_NATIVE_TRANSPORT, "
                        + "native_transport in the config file");
    }

    @Test
    void theCurrentNameWinsOverAnOlderOne() {
        Settings s = Resolver.resolve(Map.of(), Map.of("TOCSIN_AUTH_FAILURES", "3",
                "TOCSIN_AUTH_FAILURES_PER_MINUTE", "4"), Map.of());

        assertThat(s.get(Options.AUTH_FAILURES_PER_MINUTE)).isEqualTo(4);
    }

    @Test
    void theHarnessesEventLoopsPropertyWorksWithoutAWarning() {
        Settings s = Resolver.resolve(Map.of(), Map.of(), Map.of("tocsin.eventLoops", "2"));

        assertThat(s.get(Options.EVENT_LOOPS)).isEqualTo(2);
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void anEnvironmentVariableThatNamesNoOptionIsWarnedAboutNotRefused() {
        Settings s = Resolver.resolve(Map.of(), Map.of("TOCSIN_PROT", "9000", "TOCSIN_JAVA_OPTS", "-Xmx1g"), Map.of());

        assertThat(s.get(Options.PORT)).isEqualTo(8080);
        assertThat(s.warnings()).containsExactly(
                "environment variable TOCSIN_PROT names no option and is ignored (did you mean TOCSIN_PORT?)");
    }

    @Test
    void aPublicUrlMustBeAnAbsoluteHttpUrl() {
        assertThatThrownBy(() -> Resolver.resolve(Map.of("--public-url", "alerts.example.org"), Map.of(), Map.of()))
                .hasMessageStartingWith("--public-url: expected an absolute http(s) URL");
        assertThat(Resolver.resolve(Map.of(), Map.of("TOCSIN_PUBLIC_URL", "https://a.example/x/"), Map.of())
                .get(Options.PUBLIC_URL)).isEqualTo("https://a.example/x");
    }

    @Test
    void everyOptionFollowsTheNamingRule() {
        for (Option<?> o : Options.ALL) {
            assertThat(o.flag()).isEqualTo("--" + o.name().replace('_', '-'));
            assertThat(o.env()).isEqualTo("TOCSIN_" + o.name().toUpperCase(java.util.Locale.ROOT));
            assertThat(o.description()).as(o.name()).isNotBlank();
            assertThat(o.reason()).as(o.name()).isNotBlank();
        }
        assertThat(Options.ALL.stream().map(Option::name).distinct().count()).isEqualTo(Options.ALL.size());
        assertThat(List.copyOf(Options.ALL)).contains(Options.PUBLIC_URL, Options.CAP_SENDER, Options.EVENT_LOOPS);
    }
}
