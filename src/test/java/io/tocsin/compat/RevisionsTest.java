package io.tocsin.compat;

import io.tocsin.compat.web.HttpDates;
import io.tocsin.compat.web.Rep;
import io.tocsin.compat.web.Revisions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Last-Modified moves exactly when the bytes change, and never stays within a second of a change. */
class RevisionsTest {
    static final long T = 1_780_000_000L;

    @Test
    void aSecondChangeWithinOneSecondTakesTheNextSecond() {
        Revisions r = new Revisions();
        Rep a = r.revise("k", "\"N\"".getBytes(), T);
        Rep b = r.revise("k", "\"A\"".getBytes(), T);
        Rep c = r.revise("k", "\"N\"".getBytes(), T);
        assertThat(a.lastModifiedSecond()).isEqualTo(T);
        assertThat(b.lastModifiedSecond()).isEqualTo(T + 1);
        assertThat(c.lastModifiedSecond()).isEqualTo(T + 2);
        // The clock catching up does not move it back, and a later change takes the clock's second.
        assertThat(r.revise("k", "\"P\"".getBytes(), T + 10).lastModifiedSecond()).isEqualTo(T + 10);
    }

    @Test
    void theSameBytesKeepTheirDate() {
        Revisions r = new Revisions();
        Rep a = r.revise("k", "\"N\"".getBytes(), T);
        assertThat(r.revise("k", "\"N\"".getBytes(), T + 100)).isSameAs(a);
        assertThat(r.revise("other", "\"N\"".getBytes(), T + 100).lastModifiedSecond()).isEqualTo(T + 100);
    }

    @Test
    void httpDatesAreImfFixdateAndMalformedOnesAreIgnored() {
        assertThat(HttpDates.format(1_714_999_999L)).isEqualTo("Mon, 06 May 2024 12:53:19 GMT");
        assertThat(HttpDates.parse("Mon, 06 May 2024 12:53:19 GMT")).isEqualTo(1_714_999_999L);
        assertThat(HttpDates.parse("")).isEqualTo(-1);
        assertThat(HttpDates.parse("Some(\"Mon, 06 May 2024 12:53:20 GMT\")")).isEqualTo(-1);
        assertThat(HttpDates.parse(null)).isEqualTo(-1);
    }
}
