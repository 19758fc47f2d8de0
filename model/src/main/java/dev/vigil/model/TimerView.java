package dev.vigil.model;

import java.util.Comparator;

/** The observable part of a pending timer (SPEC §5): kind, monitor, due time. */
public record TimerView(TimerKind kind, String monitorId, long dueAtMs) {

    /** Due time, then kind, then monitor: the order timers are listed in a view. */
    static final Comparator<TimerView> ORDER = Comparator.comparingLong(TimerView::dueAtMs)
            .thenComparing(TimerView::kind)
            .thenComparing(TimerView::monitorId);

    @Override
    public String toString() {
        return kind + " " + monitorId + " @" + dueAtMs;
    }
}
