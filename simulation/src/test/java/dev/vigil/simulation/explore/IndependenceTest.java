package dev.vigil.simulation.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Budget;
import dev.vigil.model.EnabledEvent;
import dev.vigil.model.EnabledEvents;
import dev.vigil.model.Model;
import dev.vigil.model.ModelState;
import dev.vigil.model.Scope;
import dev.vigil.model.StateSpace;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Independence} keeps its promise on the model: in every reachable state of every standard
 * scope (breadth first, up to a bound per scope), two events it calls independent stay enabled,
 * at the same instant, after each other, and both orders reach the same abstract state.
 */
class IndependenceTest {
    /** Enough to reach every abstract state of the smaller scopes, and the first of the larger ones. */
    private static final int STATES_MAX_PER_SCOPE = 6_000;

    @Test
    void independentEventsCommuteAndNeitherDisablesTheOtherInEveryStandardScope() {
        long pairsChecked = 0;
        for (Map.Entry<String, ScopeSpec> named : ScopeSpec.standard().entrySet()) {
            Scope scope = named.getValue().toScope();
            Set<Object> seen = new HashSet<>();
            ArrayDeque<ModelState> states = new ArrayDeque<>();
            ArrayDeque<Budget> budgets = new ArrayDeque<>();
            states.add(scope.initialState());
            budgets.add(scope.budget());
            seen.add(StateSpace.key(scope.initialState(), scope.budget()));
            while (!states.isEmpty()) {
                ModelState state = states.poll();
                Budget budget = budgets.poll();
                List<EnabledEvent> enabled = EnabledEvents.of(state, scope, budget).toJavaList();
                for (int i = 0; i < enabled.size(); i++) {
                    for (int j = i + 1; j < enabled.size(); j++) {
                        EnabledEvent a = enabled.get(i);
                        EnabledEvent b = enabled.get(j);
                        boolean independent = Independence.independent(state, a, b);
                        assertThat(Independence.independent(state, b, a)).as("symmetric").isEqualTo(independent);
                        if (independent) {
                            assertCommute(named.getKey(), scope, state, a, b);
                            pairsChecked++;
                        }
                    }
                }
                for (EnabledEvent event : enabled) {
                    ModelState next = Model.step(state, event.atMs(), event.event()).next();
                    if (seen.size() < STATES_MAX_PER_SCOPE && seen.add(StateSpace.key(next, event.remaining()))) {
                        states.add(next);
                        budgets.add(event.remaining());
                    }
                }
            }
        }
        assertThat(pairsChecked).as("independent pairs met").isPositive();
    }

    @Test
    void eventsOfOneMonitorOrOfDifferentInstantsAreDependent() {
        Scope scope = ScopeSpec.named("two-monitors").toScope();
        List<EnabledEvent> enabled = EnabledEvents.of(scope.initialState(), scope, scope.budget()).toJavaList();
        EnabledEvent addFirst = enabled.get(0);
        EnabledEvent addSecond = enabled.get(1);

        assertThat(Independence.independent(scope.initialState(), addFirst, addSecond)).isTrue();
        assertThat(Independence.independent(scope.initialState(), addFirst, addFirst)).isFalse();
        EnabledEvent later = new EnabledEvent(addSecond.atMs() + 1, addSecond.event(), addSecond.remaining());
        assertThat(Independence.independent(scope.initialState(), addFirst, later)).isFalse();
    }

    private static void assertCommute(String scopeName, Scope scope, ModelState state, EnabledEvent a, EnabledEvent b) {
        String pair = scopeName + ": " + a.event().describe() + " | " + b.event().describe() + " in " + state;
        ModelState afterA = Model.step(state, a.atMs(), a.event()).next();
        ModelState afterB = Model.step(state, b.atMs(), b.event()).next();
        EnabledEvent bAfterA = find(EnabledEvents.of(afterA, scope, a.remaining()).toJavaList(), b)
                .orElseThrow(() -> new AssertionError("a disables b: " + pair));
        EnabledEvent aAfterB = find(EnabledEvents.of(afterB, scope, b.remaining()).toJavaList(), a)
                .orElseThrow(() -> new AssertionError("b disables a: " + pair));
        Object ab = StateSpace.key(Model.step(afterA, bAfterA.atMs(), bAfterA.event()).next(), bAfterA.remaining());
        Object ba = StateSpace.key(Model.step(afterB, aAfterB.atMs(), aAfterB.event()).next(), aAfterB.remaining());
        assertThat(ab).as(pair).isEqualTo(ba);
    }

    /** The same event at the same instant, or nothing. */
    private static Optional<EnabledEvent> find(List<EnabledEvent> enabled, EnabledEvent wanted) {
        return enabled.stream().filter(e -> e.event().equals(wanted.event()) && e.atMs() == wanted.atMs()).findFirst();
    }
}
