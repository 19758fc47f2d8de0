package dev.vigil.simulation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.HistoryFirstVariant;
import dev.vigil.simulation.variant.NaiveVariant;
import dev.vigil.simulation.variant.RealEngine;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --store} and {@code --other-store-percent}: their defaults, their parsing, and the share of seeds they give the other store. */
class VerifyOptionsTest {
    @Test
    void verifyRunsOnMemoryAndATenthOfItsSwarmSeedsOnSqliteByDefault() {
        VerifyCommand verify = new VerifyCommand();
        new CommandLine(verify).parseArgs();

        assertThat(verify.store.store).isEqualTo(StoreKind.MEMORY);
        assertThat(verify.otherStorePercent).isEqualTo(10);
        assertThat(VerifyCommand.otherStoreSeeds(verify.seeds, verify.otherStorePercent)).isEqualTo(30);
    }

    @Test
    void theShareIsRoundedUpAndMayBeNoneOrAll() {
        assertThat(VerifyCommand.otherStoreSeeds(300, 0)).isZero();
        assertThat(VerifyCommand.otherStoreSeeds(5, 1)).isEqualTo(1);
        assertThat(VerifyCommand.otherStoreSeeds(300, 100)).isEqualTo(300);
    }

    @Test
    void theStoreIsParsedWhateverItsCaseAndAWrongOneIsRefused() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--store", "SQLite");
        assertThat(run.store.store).isEqualTo(StoreKind.SQLITE);

        assertThatThrownBy(() -> new CommandLine(new ExploreCommand()).parseArgs("--store", "postgres"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("memory or sqlite");
    }

    @Test
    void theVariantsThatWriteSqlKeepSqliteWhateverTheOptionSays() {
        StoreOption memory = new StoreOption();

        assertThat(memory.forVariant(new RealEngine())).isEqualTo(StoreKind.MEMORY);
        assertThat(memory.forVariant(new NaiveVariant())).isEqualTo(StoreKind.SQLITE);
        assertThat(memory.forVariant(new HistoryFirstVariant())).isEqualTo(StoreKind.SQLITE);
    }
}
