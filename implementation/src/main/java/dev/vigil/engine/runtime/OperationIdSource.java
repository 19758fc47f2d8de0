package dev.vigil.engine.runtime;

/** Issues candidate operation ids; the registry rejects blank and live ones and asks again. */
@FunctionalInterface
public interface OperationIdSource {
    String nextId();
}
