package io.tocsin.startup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DeferredTest {
    @Test
    void isBuiltOnceWhetherStartedOrFirstUsed() {
        AtomicInteger builds = new AtomicInteger();
        Deferred<String> d = Deferred.of("a value", () -> "v" + builds.incrementAndGet());
        assertThat(d.ready()).isFalse();
        d.start();
        d.start();
        assertThat(d.get()).isEqualTo("v1");
        assertThat(d.get()).isEqualTo("v1");
        assertThat(builds).hasValue(1);
        assertThat(d.ready()).isTrue();
    }

    @Test
    void firstUseBuildsWhenNeverStarted() {
        Deferred<Integer> d = Deferred.of("a number", () -> 42);
        assertThat(d.get()).isEqualTo(42);
    }

    @Test
    void usesWaitForABuildInProgress() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Deferred<String> d = Deferred.of("a slow value", () -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "built";
        }).start();
        Thread user = Thread.ofPlatform().start(() -> assertThat(d.get()).isEqualTo("built"));
        await().atMost(Duration.ofSeconds(10)).until(() -> user.getState() == Thread.State.WAITING);
        assertThat(d.ready()).isFalse();
        release.countDown();
        user.join(10_000);
        assertThat(user.isAlive()).isFalse();
        assertThat(d.ready()).isTrue();
    }

    @Test
    void aFailedBuildFailsEveryUseNamingWhatFailed() {
        Deferred<String> d = Deferred.of("the name index", () -> {
            throw new IllegalStateException("codifier.csv is missing");
        });
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(d::get).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the name index could not be loaded")
                    .hasMessageContaining("codifier.csv is missing");
        }
        assertThat(d.ready()).isFalse();
    }

    @Test
    void aDoneValueIsReadyAtOnce() {
        Deferred<String> d = Deferred.done("a value", "x");
        assertThat(d.ready()).isTrue();
        assertThat(d.get()).isEqualTo("x");
    }
}
