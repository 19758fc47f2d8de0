package dev.vigil.simulation.nodes;

import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.TimerKind;

/**
 * One choice point's pick in an explored multi-node schedule ({@link NodeExplorer}). Nodes are
 * named by their index; a schedule is the list of picks from the start, and replaying it on fresh
 * engines reaches the same state.
 */
sealed interface NodeChoice {
    /** The choice in a few words, for a counterexample. */
    String describe();

    /** Before anything runs: the second node's wall clock is {@code skewMs} off the database's. */
    record Skew(long skewMs) implements NodeChoice {
        public String describe() {
            return "node b's wall clock is " + skewMs + " ms off the database's";
        }
    }

    /** The node's earliest timer fires, the clock moving to its due time; it is due no later than any other running node's. */
    record Fire(int node, TimerKind kind, String monitorId, String timer) implements NodeChoice {
        public String describe() {
            return "node " + NodeExplorer.name(node) + " fires " + timer;
        }
    }

    /** No running node has a timer due before a paused node wakes: the clock moves on. */
    record Advance(long toMs) implements NodeChoice {
        public String describe() {
            return "the clock moves to " + toMs + " ms";
        }
    }

    /** One of the node's open probe attempts answers. */
    record Answer(int node, AttemptKey attempt, boolean up) implements NodeChoice {
        public String describe() {
            return "node " + NodeExplorer.name(node) + "'s probe " + attempt.monitorId() + " #" + attempt.attempt() + " answers "
                    + (up ? "UP" : "DOWN");
        }
    }

    /** A user starts the monitor on that node if the store shows it stopped, else stops it. */
    record Command(int node, String monitorId, boolean start) implements NodeChoice {
        public String describe() {
            return (start ? "start " : "stop ") + monitorId + " on node " + NodeExplorer.name(node);
        }
    }

    /** The node pauses past its lease (a GC pause, a frozen VM): its clock moves on, its timers wait. */
    record Pause(int node, long untilMs) implements NodeChoice {
        public String describe() {
            return "node " + NodeExplorer.name(node) + " pauses until " + untilMs + " ms";
        }
    }

    /** The node dies and never comes back. */
    record Crash(int node) implements NodeChoice {
        public String describe() {
            return "node " + NodeExplorer.name(node) + " crashes";
        }
    }

    /**
     * The application closes the node's engine gracefully and it never comes back. Drawn only in
     * runs with edits, which go without the node model (it has no close).
     */
    record Close(int node) implements NodeChoice {
        public String describe() {
            return "node " + NodeExplorer.name(node) + " closes";
        }
    }

    /** The node loses the store until {@code untilMs} while it keeps running and probing. */
    record CutOff(int node, long untilMs) implements NodeChoice {
        public String describe() {
            return "node " + NodeExplorer.name(node) + " is cut off from the store until " + untilMs + " ms";
        }
    }

    /** The node's next renewal transaction fails (a store error, not an answer). */
    record RenewalFails(int node) implements NodeChoice {
        public String describe() {
            return "node " + NodeExplorer.name(node) + "'s next renewal fails";
        }
    }
}
