package dev.vigil.stress.lincheck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.stress.variants.ForeignLaneReturns;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * NEGATIVE CONTROL for {@link ProbeReturnLaneLincheckTest}: the same actors and checks on
 * {@link ForeignLaneReturns}, the production checker composed on lanes of its own, so that probe
 * returns are handled without the monitor's lane while commands hold it. Lincheck must report it,
 * and the report must name the lane: the first invocation that answers an open probe fails the
 * validation. The direct check is what catches it: with the audit switched off, the user-visible
 * checks alone did not catch this control even at 40 × 1 000 (4.5 minutes), since the store's
 * compare-and-set still guards the status; {@code lanes.ProbeReturnDuringCommandTest} catches its
 * stop by what a listener sees, on every run.
 */
public class ForeignLaneReturnsControlTest extends ProbeReturnActors {
    public ForeignLaneReturnsControlTest() {
        super(ForeignLaneReturns::new);
    }

    @Test
    void probeReturnsHandledOutsideTheLaneAreCaught() {
        assertThatThrownBy(() -> LincheckBudget.probeReturnControlStress().stress().check(ForeignLaneReturnsControlTest.class))
                .as("Lincheck must report probe returns handled outside the monitor's lane")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("handled outside the monitor's lane");
    }
}
