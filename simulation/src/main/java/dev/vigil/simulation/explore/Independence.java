package dev.vigil.simulation.explore;

import dev.vigil.model.EnabledEvent;
import dev.vigil.model.EventReach;
import dev.vigil.model.ModelState;

/**
 * The independence relation between two events enabled in the same state: the one place that
 * says which reorderings the explorer may skip.
 *
 * <p>Guarantee: if {@link #independent} holds for {@code a} and {@code b} in state {@code s},
 * then running {@code a} then {@code b} and running {@code b} then {@code a} from {@code s} reach
 * the same abstract state ({@code StateSpace.key}), and neither event disables the other.
 * {@code IndependenceTest} checks both on every reachable state of every standard scope. The
 * relation is symmetric and irreflexive. It holds exactly when
 * <ul>
 *   <li>both happen at the same instant: a command, a probe return, a delivery or a fault happens
 *       now, a timer when it falls due; an event of a later instant moves the clock, and every
 *       event of this instant would then happen later, as a different event;</li>
 *   <li>each reaches one monitor ({@link EventReach.OneMonitor}), and not the same one: bulk
 *       commands, crash, restart, close, pause and another writer's recovery reach every
 *       monitor, an armed store fault or a clock jump none directly (what it does shows in
 *       whichever event comes next), so each is dependent with everything;</li>
 *   <li>no store failure is armed: it strikes whichever transaction comes first, so with one
 *       armed every pair of events sharing the store is ordered;</li>
 *   <li>no listener is registered: committed events then wait in one outbox in commit order, so
 *       any two events that commit anything are ordered.</li>
 * </ul>
 */
public final class Independence {
    private Independence() {
    }

    /**
     * @param state the state both events are enabled in
     * @param a     an event enabled in {@code state}
     * @param b     another event enabled in {@code state}
     * @return whether {@code a} and {@code b} commute from {@code state} (see the class comment)
     */
    public static boolean independent(ModelState state, EnabledEvent a, EnabledEvent b) {
        if (a.atMs() != b.atMs() || state.storeFailArmed() || state.deliversSeparately()) {
            return false;
        }
        return a.event().reach(state) instanceof EventReach.OneMonitor one && b.event().reach(state) instanceof EventReach.OneMonitor other
                && !one.monitorId().equals(other.monitorId());
    }
}
