package dev.vigil.simulation.variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variants the harness knows by name, and loading one by class name. */
public final class Variants {
    private static final Map<String, EngineVariant> BY_NAME = new LinkedHashMap<>();

    static {
        for (EngineVariant variant : List.of(new RealEngine(), new FallbackVariant(), new NaiveVariant(), new HistoryFirstVariant(),
                new DeadlineIgnoresRetriesVariant(), new ManualNoCancelVariant(), new StaleAfterRestartVariant(), new LeakOnStoreFailureVariant(),
                new OverlappingProbesVariant(), new FallbackNoEpochVariant(), new NullResultUnhandledVariant(), new StoreGuardOffVariant(), new FallbackNoDeadlineVariant())) {
            BY_NAME.put(variant.name(), variant);
        }
    }

    private Variants() {
    }

    /** Every known variant, the shipped ones (the real engine, then its fallback) first. */
    public static List<EngineVariant> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The compositions the engine ships, which {@code verify} must pass: the real engine and the fallback checker. */
    public static List<EngineVariant> shipped() {
        return BY_NAME.values().stream().filter(variant -> !variant.buggy()).toList();
    }

    /** The known-buggy variants, which {@code verify} must catch. */
    public static List<EngineVariant> buggy() {
        return BY_NAME.values().stream().filter(EngineVariant::buggy).toList();
    }

    /** The variant named {@code name}; the message lists the known names. */
    public static EngineVariant byName(String name) {
        EngineVariant variant = BY_NAME.get(name);
        if (variant == null) {
            throw new IllegalArgumentException("unknown variant '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
        }
        return variant;
    }

    /** Instantiates {@code className}, a public {@link EngineVariant} with a public no-argument constructor. */
    public static EngineVariant byClass(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("variant class '" + className + "' is not on the classpath");
        }
        if (!EngineVariant.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("variant class '" + className + "' does not implement " + EngineVariant.class.getName());
        }
        try {
            return (EngineVariant) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("variant class '" + className + "' needs a public no-argument constructor: " + e);
        }
    }
}
