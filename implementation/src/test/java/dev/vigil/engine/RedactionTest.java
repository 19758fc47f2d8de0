package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://example.com/health?token=abc123 | https://example.com/health?token=***",
        "http://user:pw@example.com/x | http://***@example.com/x",
        "http://user:pw@example.com/x?a=1&b=&c | http://***@example.com/x?a=***&b=***&***",
        "https://example.com/cb#access_token=xyz&state=1 | https://example.com/cb#access_token=***&state=***",
        "timed out: GET https://h/p?key=s3cr3t failed | timed out: GET https://h/p?key=*** failed",
        "no url here?token=abc | no url here?token=abc",
        "https://example.com/plain | https://example.com/plain",
    })
    void masksUserInfoAndParameterValuesInEveryUrl(String text, String expected) {
        assertThat(Redaction.redact(text)).isEqualTo(expected);
    }

    @Test
    void aCheckRecordStoresOnlyRedactedDetailsWhateverItWasGiven() {
        CheckRecord record = new CheckRecord("op", 0, MonitorStatus.DOWN, 0,
                "probe threw IOException: GET https://user:pw@api.example.com/v1?token=s3cret failed");
        assertThat(record.details()).isEqualTo("probe threw IOException: GET https://***@api.example.com/v1?token=*** failed");
    }

    @Test
    void eventsCarryOnlyRedactedText() {
        var failed = new dev.vigil.engine.event.EngineEvent.StoreFailed("m1", dev.vigil.engine.StoreTransaction.APPLY, "jdbc:postgresql://db/vigil?password=pw failed");
        assertThat(failed.message()).isEqualTo("jdbc:postgresql://db/vigil?password=*** failed");
        var completed = new dev.vigil.engine.event.EngineEvent.CheckCompleted("m1", "op", MonitorStatus.DOWN, 0,
                "redirect to a non-HTTP location: ftp://u:p@h/", false);
        assertThat(completed.details()).isEqualTo("redirect to a non-HTTP location: ftp://***@h/");
    }

    @Test
    void masksEachOfSeveralQuotedUrls() {
        assertThat(Redaction.redact("'https://h/?t=1' and 'http://u:p@g/'")).isEqualTo("'https://h/?t=***' and 'http://***@g/'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://user:pw@example.com/x?a=1&b=2#f=3",
        "plain text",
        "https://h/?only",
    })
    void isIdempotent(String text) {
        String once = Redaction.redact(text);
        assertThat(Redaction.redact(once)).isEqualTo(once);
    }
}
