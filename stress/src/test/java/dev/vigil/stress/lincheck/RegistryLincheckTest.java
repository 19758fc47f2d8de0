package dev.vigil.stress.lincheck;

import org.junit.jupiter.api.Test;

/**
 * {@code MonitorOperationRegistry} is linearizable against {@link RegistrySpec}: every concurrent
 * history of initiate, cancel, validate, complete, get, outstanding and drop, over two monitors and
 * colliding operation ids, has a sequential order that the map-based specification explains.
 * Both in model checking (systematic interleavings, deterministic) and in stress mode (real
 * threads, real memory model). Scope: per-operation and per-monitor methods; the diagnostic
 * whole-registry views ({@code snapshot}, {@code size}) are not claimed linearizable.
 */
public class RegistryLincheckTest extends RegistryActors {
    public RegistryLincheckTest() {
        super(RegistryActors::real);
    }

    @Test
    void linearizableUnderModelChecking() {
        LincheckBudget.registryModelChecking().modelChecking()
                .sequentialSpecification(RegistrySpec.class)
                .check(RegistryLincheckTest.class);
    }

    @Test
    void linearizableUnderStress() {
        LincheckBudget.registryStress().stress()
                .sequentialSpecification(RegistrySpec.class)
                .check(RegistryLincheckTest.class);
    }
}
