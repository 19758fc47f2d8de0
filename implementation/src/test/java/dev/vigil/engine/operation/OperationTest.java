package dev.vigil.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An operation refuses values no registry may hold: a blank id, a deadline before it began. */
class OperationTest {

    @Test
    void aBlankIdIsRefused() {
        assertThatThrownBy(() -> new Operation(" ", "m1", 0, 10, false, OperationState.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void aDeadlineMayEqualTheStartButNotPrecedeIt() {
        assertThat(new Operation("op-1", "m1", 10, 10, false, OperationState.ACTIVE).deadlineAt()).isEqualTo(10);
        assertThatThrownBy(() -> new Operation("op-1", "m1", 10, 9, false, OperationState.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadlineAt = 9 is before initiatedAt = 10");
    }

    @Test
    void cancellingKeepsEverythingButTheState() {
        Operation active = new Operation("op-1", "m1", 3, 10, true, OperationState.ACTIVE);

        Operation cancelled = active.cancelled();

        assertThat(active.isActive()).isTrue();
        assertThat(cancelled.isActive()).isFalse();
        assertThat(cancelled).isEqualTo(new Operation("op-1", "m1", 3, 10, true, OperationState.CANCELLED));
    }
}
