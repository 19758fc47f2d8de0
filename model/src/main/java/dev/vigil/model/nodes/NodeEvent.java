package dev.vigil.model.nodes;

/** What can happen in the node model: time, a node's own steps, commands and faults. */
public sealed interface NodeEvent {

    /** @return the event in a few words, for a counterexample */
    String describe();

    /** Database time moves on by one millisecond; every node's clock with it. */
    record Elapse() implements NodeEvent {
        public String describe() {
            return "1 ms passes";
        }
    }

    /** A node claims a monitor whose lease is free or expired (N4, N7): the token grows by one. */
    record Claim(String node, String monitor) implements NodeEvent {
        public String describe() {
            return node + " claims " + monitor;
        }
    }

    /** A node renews every lease it believes it holds, in one transaction (N2, N4). */
    record Renew(String node) implements NodeEvent {
        public String describe() {
            return node + " renews its leases";
        }
    }

    /** A node's tick: the begin transaction, carrying its token (N5), then the first attempt. */
    record Tick(String node, String monitor) implements NodeEvent {
        public String describe() {
            return node + " ticks " + monitor;
        }
    }

    /** A probe attempt answers. */
    record ProbeReturn(String node, String monitor, ProbeResult result) implements NodeEvent {
        public String describe() {
            return node + "'s probe of " + monitor + " returns " + result;
        }
    }

    /** A node's next attempt after a DOWN one: no transaction, only its belief in its lease. */
    record Retry(String node, String monitor) implements NodeEvent {
        public String describe() {
            return node + " retries " + monitor;
        }
    }

    /** A node finds on its own clock that its lease ran out, and stops the monitor at once (N4). */
    record Lapse(String node, String monitor) implements NodeEvent {
        public String describe() {
            return node + " finds its lease on " + monitor + " lapsed";
        }
    }

    /** The owner learns that another node stopped the monitor (N6), cancels and releases. */
    record LearnStopped(String node, String monitor) implements NodeEvent {
        public String describe() {
            return node + " learns " + monitor + " was stopped";
        }
    }

    /** A user stops a monitor on any node: the store's row only (N6). */
    record Stop(String monitor) implements NodeEvent {
        public String describe() {
            return "stop " + monitor;
        }
    }

    /** A user starts a monitor on any node. */
    record Start(String monitor) implements NodeEvent {
        public String describe() {
            return "start " + monitor;
        }
    }

    /** A node pauses for {@link NodeTiming#pauseMs()}, longer than its lease. */
    record Pause(String node) implements NodeEvent {
        public String describe() {
            return node + " pauses";
        }
    }

    /** A node crashes, losing everything in memory. */
    record Crash(String node) implements NodeEvent {
        public String describe() {
            return node + " crashes";
        }
    }

    /** A node loses the store while it keeps running (and probing). */
    record CutOff(String node) implements NodeEvent {
        public String describe() {
            return node + " is cut off from the store";
        }
    }

    /** A cut-off node reaches the store again. */
    record Reconnect(String node) implements NodeEvent {
        public String describe() {
            return node + " reaches the store again";
        }
    }
}
