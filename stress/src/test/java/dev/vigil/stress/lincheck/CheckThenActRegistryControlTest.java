package dev.vigil.stress.lincheck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * NEGATIVE CONTROL: the same actors, specification and budget as {@link RegistryLincheckTest},
 * on {@code CheckThenActRegistry}, whose writers check then act. Lincheck must report it; if it
 * ever passes, the registry test has lost the power to see this class of bug.
 */
public class CheckThenActRegistryControlTest extends RegistryActors {
    public CheckThenActRegistryControlTest() {
        super(RegistryActors::checkThenAct);
    }

    @Test
    void modelCheckingCatchesTheCheckThenActRace() {
        assertThatThrownBy(() -> LincheckBudget.registryModelChecking().modelChecking()
                .sequentialSpecification(RegistrySpec.class)
                .check(CheckThenActRegistryControlTest.class))
                .as("Lincheck must report the check-then-act registry as not linearizable")
                .isInstanceOf(LincheckAssertionError.class);
    }
}
