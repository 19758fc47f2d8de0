package dev.vigil.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.MonitorSettings;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void backoffDoublesFrom500AndStopsAt5000() {
        assertThat(RetryPolicy.backoffMs(1)).isEqualTo(500);
        assertThat(RetryPolicy.backoffMs(2)).isEqualTo(1_000);
        assertThat(RetryPolicy.backoffMs(4)).isEqualTo(4_000);
        assertThat(RetryPolicy.backoffMs(5)).isEqualTo(5_000);
        assertThat(RetryPolicy.backoffMs(40)).isEqualTo(5_000);
        assertThatThrownBy(() -> RetryPolicy.backoffMs(0)).hasMessageContaining("failedAttempt = 0");
    }

    @Test
    void deadlineCoversEveryAttemptAndItsBackoffs() {
        MonitorSettings noRetries = MonitorSettings.http("http://localhost/").withTimeoutMs(2_000);
        assertThat(RetryPolicy.deadlineDelayMs(noRetries)).isEqualTo(2_000 + 5_000);

        MonitorSettings twoRetries = noRetries.withRetryAttempts(2);
        // 3 attempts × 2 000 + back-offs 500 + 1 000 + buffer 5 000
        assertThat(RetryPolicy.deadlineDelayMs(twoRetries)).isEqualTo(6_000 + 1_500 + 5_000);
    }
}
