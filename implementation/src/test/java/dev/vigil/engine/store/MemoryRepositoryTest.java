package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The contract on {@link MonitorRepository#openInMemory()}: the same transactions, with the
 * same semantics, as the SQL repositories. The two tests of damaged rows are skipped: the
 * tables hold typed values, not text that SQL could have damaged.
 */
class MemoryRepositoryTest extends MonitorRepositoryContract {
    @Override
    protected MonitorRepository create() {
        return MonitorRepository.openInMemory();
    }

    @Override
    protected boolean canReopen() {
        return false;
    }

    @Override
    protected MonitorRepository reopen() {
        throw new UnsupportedOperationException("an in-memory store does not outlive its repository");
    }

    @Override
    protected boolean takesRawSql() {
        return false;
    }

    @Override
    protected void executeRaw(String sql) {
        throw new UnsupportedOperationException("an in-memory store runs no SQL");
    }

    @Test
    void eachInMemoryRepositoryIsPrivate() {
        repository.insert("m1", HTTP);

        try (MonitorRepository other = MonitorRepository.openInMemory()) {
            assertThat(other.findAll()).isEmpty();
        }
        assertThat(repository.findAll()).hasSize(1);
    }
}
