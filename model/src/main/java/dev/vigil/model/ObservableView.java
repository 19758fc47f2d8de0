package dev.vigil.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What is observable (SPEC §5), as a plain value: the simulator builds one from the engine and
 * one from the model, and {@link #diff} says where they disagree. The canonical constructor
 * normalises its arguments (monitors by id, registry by number, timers by due time, only the
 * compared events), so equal observations give equal views whatever order they were collected in.
 *
 * @param monitors every monitor, sorted by id
 * @param registry the operations in the registry by number, with their states
 * @param timers   the pending timers, as a sorted multiset
 * @param events        every compared event delivered to listeners so far, in order ({@link Observation#compared()})
 * @param pendingEvents compared events committed and not yet delivered, oldest first
 * @param crashed       the engine is down (between a crash or close and a successful restart)
 */
public record ObservableView(
        List<MonitorView> monitors,
        Map<Integer, OperationState> registry,
        List<TimerView> timers,
        List<Observation> events,
        List<Observation> pendingEvents,
        boolean crashed) {

    /** Normalises and copies every collection. */
    public ObservableView {
        monitors = monitors.stream().sorted(Comparator.comparing(MonitorView::id)).toList();
        registry = Collections.unmodifiableSortedMap(new TreeMap<>(registry));
        timers = timers.stream().sorted(TimerView.ORDER).toList();
        events = events.stream().filter(Observation::compared).toList();
        pendingEvents = pendingEvents.stream().filter(Observation::compared).toList();
    }

    /** @return the monitor with this id, if present */
    public Optional<MonitorView> monitor(String id) {
        return monitors.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * Compares this view (the model's, "expected") with the engine's.
     *
     * @return one readable line per difference, e.g. {@code monitor m2: status expected PAUSED, engine has UP};
     *     empty if the views are equal
     */
    public List<String> diff(ObservableView engine) {
        Objects.requireNonNull(engine, "engine");
        if (equals(engine)) {
            return List.of(); // the usual case, after every event: no difference lines to build
        }
        List<String> lines = new ArrayList<>();
        if (crashed != engine.crashed) {
            lines.add("crashed expected " + crashed + ", engine has " + engine.crashed);
        }
        diffMonitors(engine, lines);
        diffRegistry(engine, lines);
        diffTimers(engine, lines);
        diffEvents(engine, lines);
        diffSequence(lines, "undelivered events", pendingEvents.stream().map(Observation::describe).toList(),
                engine.pendingEvents.stream().map(Observation::describe).toList());
        return List.copyOf(lines);
    }

    /**
     * Like {@link #diff(ObservableView)}, with {@code (after …)} appended to every line, e.g.
     * {@code diff(engine, "event 17: attemptCompleted op#4 UP")}.
     */
    public List<String> diff(ObservableView engine, String after) {
        return diff(engine).stream().map(line -> line + " (after " + after + ")").toList();
    }

    private void diffMonitors(ObservableView engine, List<String> lines) {
        Map<String, MonitorView> expected = byId(monitors);
        Map<String, MonitorView> actual = byId(engine.monitors);
        TreeSet<String> ids = new TreeSet<>(expected.keySet());
        ids.addAll(actual.keySet());
        for (String id : ids) {
            MonitorView e = expected.get(id);
            MonitorView a = actual.get(id);
            String prefix = "monitor " + id + ": ";
            if (a == null) {
                lines.add(prefix + "expected present, engine has none");
            } else if (e == null) {
                lines.add(prefix + "expected none, engine has it");
            } else {
                field(lines, prefix + "monitoring", e.monitoring(), a.monitoring());
                field(lines, prefix + "status", e.status(), a.status());
                field(lines, prefix + "activeOperations", e.activeOperations(), a.activeOperations());
                field(lines, prefix + "lastCheckedAt", e.lastCheckedAtMs(), a.lastCheckedAtMs());
                field(lines, prefix + "responseTimeMs", e.responseTimeMs(), a.responseTimeMs());
                field(lines, prefix + "waiting request", waiting(e.waitingRequestManual()), waiting(a.waitingRequestManual()));
                diffSequence(lines, prefix + "history", e.history(), a.history());
            }
        }
    }

    private void diffRegistry(ObservableView engine, List<String> lines) {
        TreeSet<Integer> numbers = new TreeSet<>(registry.keySet());
        numbers.addAll(engine.registry.keySet());
        for (Integer number : numbers) {
            field(lines, "operation #" + number, orNone(registry.get(number)), orNone(engine.registry.get(number)));
        }
    }

    private void diffTimers(ObservableView engine, List<String> lines) {
        List<TimerView> missing = new ArrayList<>(timers);
        List<TimerView> extra = new ArrayList<>();
        for (TimerView timer : engine.timers) {
            if (!missing.remove(timer)) {
                extra.add(timer);
            }
        }
        missing.forEach(t -> lines.add("timers: expected " + t + ", engine has none"));
        extra.forEach(t -> lines.add("timers: engine has unexpected " + t));
    }

    private void diffEvents(ObservableView engine, List<String> lines) {
        diffSequence(lines, "events", events.stream().map(Observation::describe).toList(),
                engine.events.stream().map(Observation::describe).toList());
    }

    private static <T> void diffSequence(List<String> lines, String what, List<T> expected, List<T> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                lines.add(what + " #" + i + " expected " + expected.get(i) + ", engine has " + actual.get(i));
                return;
            }
        }
        if (expected.size() > common) {
            lines.add(what + " expected " + expected.size() + " entries, engine has " + actual.size()
                    + " (first missing: " + expected.get(common) + ")");
        } else if (actual.size() > common) {
            lines.add(what + " expected " + expected.size() + " entries, engine has " + actual.size()
                    + " (first extra: " + actual.get(common) + ")");
        }
    }

    private static void field(List<String> lines, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            lines.add(what + " expected " + expected + ", engine has " + actual);
        }
    }

    private static Object orNone(Object value) {
        return value == null ? "none" : value;
    }

    private static String waiting(Optional<Boolean> manual) {
        return manual.map(m -> m ? "manual" : "scheduled").orElse("none");
    }

    private static Map<String, MonitorView> byId(List<MonitorView> views) {
        return views.stream().collect(Collectors.toMap(MonitorView::id, Function.identity(), (a, b) -> a, TreeMap::new));
    }
}
