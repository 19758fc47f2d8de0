package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's engine lease on a real database, held by two repositories on the same database as
 * two engines would hold it: one row, decided under the write lock on the database's clock.
 */
abstract class EngineLeasesContract {
    private static final long LONG_LEASE_MS = 60_000;
    private final List<MonitorRepository> opened = new ArrayList<>();

    /** A repository on this test's database; every call opens another one on the same database. */
    protected abstract MonitorRepository openOnSameDatabase();

    private EngineLeases leases() {
        MonitorRepository repository = openOnSameDatabase();
        opened.add(repository);
        return repository.leases();
    }

    @AfterEach
    void closeAll() {
        opened.reversed().forEach(MonitorRepository::close);
    }

    private static EngineLeases.Grant claimed(EngineLeases.Claim claim) {
        assertThat(claim).isInstanceOf(EngineLeases.Claim.Claimed.class);
        return ((EngineLeases.Claim.Claimed) claim).grant();
    }

    /** Waits until the database's clock passed {@code grant}'s expiry (it is the database's, not ours). */
    private static void waitPast(EngineLeases leases, EngineLeases.Grant grant) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Thread.sleep(5);
            EngineLeases.Claim probe = leases.claim("someone-else-" + i, 1);
            if (probe instanceof EngineLeases.Claim.Claimed taken) {
                // Taken over, so expired; give it back so that the test goes on from "expired, free".
                assertThat(leases.release(taken.grant())).isTrue();
                return;
            }
        }
        throw new AssertionError("the lease of " + grant + " did not expire on the database's clock");
    }

    @Test
    void aFreshStoreIsClaimedWithTokenOneUntilTheDatabasesNowPlusTheLease() {
        long beforeMs = System.currentTimeMillis();
        EngineLeases.Grant grant = claimed(leases().claim("a", LONG_LEASE_MS));
        assertThat(grant.nodeId()).isEqualTo("a");
        assertThat(grant.token()).isEqualTo(1);
        // The database's clock is another machine's at worst; it still counts ms since the epoch.
        assertThat(grant.expiresAtMs()).isBetween(beforeMs + LONG_LEASE_MS - 60_000, beforeMs + LONG_LEASE_MS + 60_000);
    }

    @Test
    void anotherNodeIsRefusedWhileTheLeaseIsValidAndToldWhoHoldsItUntilWhen() {
        EngineLeases.Grant a = claimed(leases().claim("a", LONG_LEASE_MS));
        EngineLeases.Claim second = leases().claim("b", LONG_LEASE_MS);
        assertThat(second).isInstanceOf(EngineLeases.Claim.Held.class);
        EngineLeases.Claim.Held held = (EngineLeases.Claim.Held) second;
        assertThat(held.holder()).isEqualTo(a);
        assertThat(held.nowMs()).isLessThan(a.expiresAtMs());
    }

    @Test
    void anExpiredLeaseIsTakenOverWithANewTokenAndItsOldHolderLearnsItAtRenewal() throws InterruptedException {
        EngineLeases first = leases();
        EngineLeases second = leases();
        EngineLeases.Grant a = claimed(first.claim("a", 1));
        Thread.sleep(20);
        EngineLeases.Grant b = claimed(second.claim("b", LONG_LEASE_MS));
        assertThat(b.token()).isEqualTo(a.token() + 1);

        EngineLeases.Renewal renewal = first.renew(a, LONG_LEASE_MS);
        assertThat(renewal).isInstanceOf(EngineLeases.Renewal.Lost.class);
        assertThat(((EngineLeases.Renewal.Lost) renewal).holder()).isEqualTo(b);
        assertThat(first.release(a)).as("a lost lease cannot be released").isFalse();
        assertThat(second.current()).isEqualTo(b);
    }

    @Test
    void anExpiredLeaseThatNobodyTookIsStillRenewedByItsHolder() throws InterruptedException {
        EngineLeases leases = leases();
        EngineLeases.Grant a = claimed(leases.claim("a", 1));
        Thread.sleep(20);
        EngineLeases.Renewal renewal = leases.renew(a, LONG_LEASE_MS);
        assertThat(renewal).isInstanceOf(EngineLeases.Renewal.Renewed.class);
        EngineLeases.Grant renewed = ((EngineLeases.Renewal.Renewed) renewal).grant();
        assertThat(renewed.token()).isEqualTo(a.token());
        assertThat(renewed.expiresAtMs()).isGreaterThan(a.expiresAtMs());
    }

    @Test
    void theSameNodeReclaimsAtOnceAndItsEarlierGrantIsFencedOff() {
        EngineLeases leases = leases();
        EngineLeases.Grant before = claimed(leases.claim("a", LONG_LEASE_MS));
        EngineLeases.Grant after = claimed(leases().claim("a", LONG_LEASE_MS));
        assertThat(after.token()).isEqualTo(before.token() + 1);
        assertThat(leases.renew(before, LONG_LEASE_MS)).isInstanceOf(EngineLeases.Renewal.Lost.class);
    }

    @Test
    void aReleasedLeaseLetsAnotherNodeInAtOnceAndTokensNeverRepeat() throws InterruptedException {
        EngineLeases first = leases();
        EngineLeases.Grant a = claimed(first.claim("a", LONG_LEASE_MS));
        assertThat(first.release(a)).isTrue();
        assertThat(first.release(a)).as("idempotent: nothing left to release").isFalse();
        EngineLeases.Grant b = claimed(leases().claim("b", LONG_LEASE_MS));
        assertThat(b.token()).isEqualTo(a.token() + 1);
        assertThat(first.current()).isEqualTo(b);
    }

    @Test
    void aLeaseExpiresOnTheDatabasesClock() throws InterruptedException {
        EngineLeases leases = leases();
        EngineLeases.Grant a = claimed(leases.claim("a", 50));
        waitPast(leases(), a);
        assertThat(leases.renew(a, LONG_LEASE_MS)).isInstanceOf(EngineLeases.Renewal.Lost.class);
    }
}
