package io.tocsin.audit;

import io.tocsin.domain.Alert;
import io.tocsin.domain.Event;
import io.tocsin.domain.EventType;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Stage;
import io.tocsin.domain.Status;
import io.tocsin.domain.Texts;
import io.tocsin.domain.Threat;
import io.tocsin.log.ChainHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When checkpoints are signed: at each multiple of the interval, after the head stood unsigned too long, at close. */
class CheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void signsWhenTheHeadCrossesEachMultipleOfTheIntervalAndAtClose() {
        CheckpointKey key = CheckpointKey.loadOrCreate(dir.resolve("k"));
        CheckpointFile file = new CheckpointFile(dir.resolve("cp"));
        Checkpointer c = new Checkpointer(key, file, Clock.systemUTC(), 3, Duration.ofHours(1), null, 0, ChainHash.GENESIS);

        for (int seq = 1; seq <= 7; seq++) {
            c.publish(event(seq));
        }
        c.close();

        List<Checkpoint> signed = file.read(key.publicKey());
        assertThat(signed.getFirst().seq()).isBetween(3L, 7L);
        assertThat(signed.getLast().seq()).isEqualTo(7);
        assertThat(signed.getLast().hash()).isEqualTo(hash(7));
        assertThat(signed).extracting(Checkpoint::seq).isSorted();
    }

    @Test
    void aHeadLeftUnsignedLongerThanTheBoundIsSignedWithoutWaitingForTheInterval() {
        CheckpointKey key = CheckpointKey.loadOrCreate(dir.resolve("k"));
        CheckpointFile file = new CheckpointFile(dir.resolve("cp"));
        Checkpointer c = new Checkpointer(key, file, Clock.systemUTC(), 100, Duration.ofMillis(200), null, 0,
                ChainHash.GENESIS);
        try {
            c.publish(event(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> c.latest() != null && c.latest().seq() == 1);
            assertThat(file.read(key.publicKey())).extracting(Checkpoint::seq).containsExactly(1L);
        } finally {
            c.close();
        }
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndTheNextCheckpointStartsOnALineOfItsOwn() throws Exception {
        CheckpointKey key = CheckpointKey.loadOrCreate(dir.resolve("k"));
        CheckpointFile file = new CheckpointFile(dir.resolve("cp"));
        file.append(Checkpoint.sign(key, 1, hash(1), Instant.parse("2024-02-24T03:40:01Z")));
        java.nio.file.Files.writeString(file.path(), "{\"seq\":2,\"hash\":\"00", java.nio.file.StandardOpenOption.APPEND);

        file.append(Checkpoint.sign(key, 3, hash(3), Instant.parse("2024-02-24T03:40:03Z")));

        assertThat(file.read(key.publicKey())).extracting(Checkpoint::seq).containsExactly(1L, 3L);
    }

    private static String hash(long seq) {
        return String.format("%064x", seq);
    }

    private static LoggedEvent event(long seq) {
        Instant at = Instant.parse("2024-02-24T03:40:00Z").plusSeconds(seq);
        Alert a = new Alert("a" + seq, List.of("UA-32"), Threat.AIR_RAID, Threat.Subtype.DRONES, Stage.ALERT,
                Status.ACTUAL, new Texts("Загроза", "Threat", "", ""), "tok-1", at, at, null, null, null);
        return new LoggedEvent(seq, new Event(EventType.ISSUED, at, "tok-1", a), hash(seq - 1), hash(seq));
    }
}
