package dev.vigil.engine.spi;

/** Issues candidate operation ids; the registry rejects blank and live ones and asks again. */
@FunctionalInterface
public interface OperationIdSource {
    /**
     * The next candidate id.
     *
     * @return a candidate; blank or live ones are rejected by the registry
     */
    String nextId();
}
