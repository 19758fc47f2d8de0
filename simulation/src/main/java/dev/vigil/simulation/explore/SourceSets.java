package dev.vigil.simulation.explore;

import dev.vigil.model.Budget;
import dev.vigil.model.EnabledEvent;
import dev.vigil.model.EventReach;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelState;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The bookkeeping of source-set dynamic partial-order reduction (Abdulla, Aronis, Jonsson,
 * Sagonas, "Optimal dynamic partial order reduction", POPL 2014, Algorithm 1, with sleep sets)
 * over the schedule being explored: one node per depth, each with the events enabled there, its
 * sleep set, the events it must explore (its backtrack set) and those it has explored.
 *
 * <p>Events are ordered by happens-before through {@link #dependent} on what each executed event
 * touched: an event that moves the clock, reaches every monitor or none, or runs with a store
 * failure armed or a listener registered is dependent with every event; two others are
 * dependent when they touch the same monitor or happen at different instants. Two executed
 * events independent here are {@link Independence independent} where both were enabled, so the
 * two relations agree and reversing a race reorders only what commutes.
 *
 * <p>Guarantee, with {@link #racesOf} called for every event as it is chosen, {@link #disabled}
 * for every event a choice disables, and {@link #prunedByHashing} whenever a schedule stops at a
 * state explored before: every node ends having explored a source set of its enabled events, so
 * every class of equivalent schedules has a member explored. Hashing is the part that needs care:
 * a schedule stopped at a known state never shows the events after it, which could race with the
 * events before it; {@link #prunedByHashing} assumes the worst of them (see there), so nothing the
 * stopped schedule would have found is lost. The depth bound is the part no bookkeeping covers: a
 * race with an event past it is never seen, as in any depth-bounded DPOR. Here an event that moves
 * the clock, ordered with everything, follows within a few events nearly everywhere and raises the
 * races that matter; {@code ReductionTest} checks, scope by scope, that the states reached are
 * exactly those reached without reduction.
 */
final class SourceSets {
    /** One depth of the schedule being explored. */
    static final class Node {
        final ModelState state;
        final Budget budget;
        final List<EnabledEvent> enabled;
        final Set<ModelEvent> sleep;
        final LinkedHashSet<ModelEvent> backtrack = new LinkedHashSet<>();
        final Set<ModelEvent> done = new HashSet<>();
        EnabledEvent chosen;
        /** Whether the chosen event is dependent with every event. */
        boolean global;
        String monitorId;
        /** The happens-before predecessors of the chosen event, by depth. */
        BitSet before = new BitSet();

        Node(ModelState state, Budget budget, List<EnabledEvent> enabled, Set<ModelEvent> sleep) {
            this.state = state;
            this.budget = budget;
            this.enabled = List.copyOf(enabled);
            this.sleep = Set.copyOf(sleep);
        }

        Optional<EnabledEvent> enabledAs(ModelEvent event) {
            return enabled.stream().filter(e -> e.event().equals(event)).findFirst();
        }

        /** The next event to explore here: in the backtrack set, neither explored nor asleep. */
        Optional<EnabledEvent> pending() {
            for (ModelEvent event : backtrack) {
                if (!done.contains(event) && !sleep.contains(event)) {
                    return enabledAs(event);
                }
            }
            return Optional.empty();
        }

        void addAllAwake() {
            for (EnabledEvent event : enabled) {
                if (!sleep.contains(event.event())) {
                    backtrack.add(event.event());
                }
            }
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    /** Above this depth every node explores every awake event: shards own whole subtrees below it. */
    private final int fullDepth;

    SourceSets(int fullDepth) {
        this.fullDepth = fullDepth;
    }

    int size() {
        return nodes.size();
    }

    Node node(int depth) {
        return nodes.get(depth);
    }

    /** A new node at the end of the schedule: it starts with its first awake event, or every one above the split depth. */
    Node push(ModelState state, Budget budget, List<EnabledEvent> enabled, Set<ModelEvent> sleep) {
        Node node = new Node(state, budget, enabled, sleep);
        if (nodes.size() < fullDepth) {
            node.addAllAwake();
        } else {
            for (EnabledEvent event : enabled) {
                if (!sleep.contains(event.event())) {
                    node.backtrack.add(event.event());
                    break;
                }
            }
        }
        nodes.add(node);
        return node;
    }

    /**
     * Drops the finished nodes at the end of the schedule and marks the deepest unfinished one's
     * next event as chosen.
     *
     * @param finished called with each node dropped
     * @return whether a node with an event left to explore remains
     */
    boolean advance(Consumer<Node> finished) {
        while (!nodes.isEmpty()) {
            Node last = nodes.get(nodes.size() - 1);
            if (last.chosen != null) {
                last.done.add(last.chosen.event());
            }
            Optional<EnabledEvent> next = last.pending();
            if (next.isPresent()) {
                last.chosen = next.get();
                return true;
            }
            finished.accept(last);
            nodes.remove(nodes.size() - 1);
        }
        return false;
    }

    /** The sleep set below {@code node} once its chosen event runs: what sleeps or was explored there and commutes with it. */
    static Set<ModelEvent> childSleep(Node node) {
        Set<ModelEvent> child = new HashSet<>();
        for (EnabledEvent event : node.enabled) {
            if ((node.sleep.contains(event.event()) || node.done.contains(event.event())) && independentHere(node.state, event, node.chosen)) {
                child.add(event.event());
            }
        }
        return child;
    }

    /**
     * Records the chosen event of the node at {@code depth} (the last node) and, for each earlier
     * event it races with, makes the node before that event explore a reversal of the race.
     */
    void racesOf(int depth) {
        Node chosen = nodes.get(depth);
        EnabledEvent event = chosen.chosen;
        EventReach reach = event.event().reach(chosen.state);
        chosen.global = !independentHere(chosen.state, event, event) || !(reach instanceof EventReach.OneMonitor);
        chosen.monitorId = reach instanceof EventReach.OneMonitor one ? one.monitorId() : "";
        chosen.before = new BitSet();
        for (int i = depth - 1; i >= 0; i--) {
            if (!chosen.before.get(i) && dependent(nodes.get(i), chosen)) {
                chosen.before.set(i);
                chosen.before.or(nodes.get(i).before);
            }
        }
        for (int i = fullDepth; i < depth; i++) {
            if (races(i, depth)) {
                reverse(i, depth);
            }
        }
    }

    /** A choice at {@code node} disabled {@code event}, dependent with it: only exploring it here reaches what follows it. */
    static void disabled(Node node, EnabledEvent event) {
        node.backtrack.add(event.event());
    }

    /**
     * The schedule stopped at a state explored before (from no shallower a depth, with no more
     * asleep): the events that would have followed are not known here, and may race with events
     * of the schedule. Which ones can: an event {@code c} after the stop races with {@code e}
     * when they are dependent and no event between happens after {@code e} and before {@code c}.
     * <ul>
     *   <li>{@code e} dependent with everything: every later event of the schedule happens after
     *       it, so {@code c} races with it only if independent of all of them, which no later
     *       event dependent with everything allows. Then the reversal starts with {@code c},
     *       unknown: the node explores every awake event.</li>
     *   <li>{@code e} of one monitor, now, and some later event of the schedule happens after it:
     *       the first such event is of the same monitor at the same instant, or dependent with
     *       everything (the clock moved), so it is dependent with whatever {@code c} is dependent
     *       with {@code e} for, and stands between them: no race.</li>
     *   <li>{@code e} of one monitor, now, and no later event happens after it: every later event
     *       of the schedule starts the reversal, the first of them in particular, which is then
     *       independent of {@code e} and enabled before it; the node explores it. If {@code e} is
     *       the last event, the reversal starts after the stop: every awake event.</li>
     * </ul>
     */
    void prunedByHashing() {
        int n = nodes.size();
        for (int i = fullDepth; i < n; i++) {
            Node node = nodes.get(i);
            if (node.global) {
                boolean globalLater = false;
                for (int k = i + 1; k < n; k++) {
                    globalLater |= nodes.get(k).global;
                }
                if (!globalLater) {
                    node.addAllAwake();
                }
                continue;
            }
            boolean followed = false;
            for (int k = i + 1; k < n; k++) {
                if (nodes.get(k).before.get(i)) {
                    followed = true;
                    break;
                }
            }
            if (followed) {
                continue;
            }
            if (i + 1 < n && node.enabledAs(nodes.get(i + 1).chosen.event()).isPresent()) {
                node.backtrack.add(nodes.get(i + 1).chosen.event());
            } else {
                node.addAllAwake();
            }
        }
    }

    /** Whether executed events {@code a} and {@code b} are ordered: see the class comment. */
    static boolean dependent(Node a, Node b) {
        return a.global || b.global || a.chosen.atMs() != b.chosen.atMs() || a.monitorId.equals(b.monitorId);
    }

    /**
     * {@link Independence} restricted to events that happen now: one that moves the clock is,
     * once executed, dependent with everything, and the sleep sets must agree with the races.
     */
    static boolean independentHere(ModelState state, EnabledEvent a, EnabledEvent b) {
        return a.atMs() == state.nowMs() && b.atMs() == state.nowMs()
                && (a == b ? a.event().reach(state) instanceof EventReach.OneMonitor && !state.storeFailArmed() && !state.deliversSeparately()
                        : Independence.independent(state, a, b));
    }

    /** Events at depths {@code i < j} race: dependent, with no event between that happens after i and before j. */
    private boolean races(int i, int j) {
        Node later = nodes.get(j);
        if (!later.before.get(i)) {
            return false;
        }
        for (int k = i + 1; k < j; k++) {
            if (later.before.get(k) && nodes.get(k).before.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes the node at {@code i} explore a first event of {@code v}: the events after {@code i}
     * that do not happen after it, then {@code j}. Nothing to do when one of them is already in
     * its backtrack or sleep set; none when {@code j} cannot run before {@code i} (it was enabled
     * by it: an attempt's return after its start).
     */
    private void reverse(int i, int j) {
        Node node = nodes.get(i);
        List<Integer> v = new ArrayList<>();
        for (int k = i + 1; k < j; k++) {
            if (!nodes.get(k).before.get(i)) {
                v.add(k);
            }
        }
        v.add(j);
        List<ModelEvent> initials = new ArrayList<>();
        boolean laterHasPredecessor = false;
        for (int a = 0; a < v.size(); a++) {
            int k = v.get(a);
            boolean first = true;
            for (int b = 0; b < a; b++) {
                if (nodes.get(k).before.get(v.get(b))) {
                    first = false;
                    break;
                }
            }
            if (k == j) {
                laterHasPredecessor = !first;
            }
            if (first && node.enabledAs(nodes.get(k).chosen.event()).isPresent()) {
                initials.add(nodes.get(k).chosen.event());
            }
        }
        if (!laterHasPredecessor && node.enabledAs(nodes.get(j).chosen.event()).isEmpty()) {
            return;
        }
        for (ModelEvent initial : initials) {
            if (node.backtrack.contains(initial) || node.sleep.contains(initial)) {
                return;
            }
        }
        if (initials.isEmpty()) {
            node.addAllAwake();
        } else {
            node.backtrack.add(initials.get(0));
        }
    }
}
