package dev.vigil.stress.lincheck;

import dev.vigil.engine.spi.OperationIdSource;

/**
 * An id source that issues the id the calling actor chose: {@code op-<k>} for the actor's
 * parameter {@code k}. A counter would not do: the registry draws an id before the operation
 * becomes visible, so two racing initiations may become visible in the opposite order of their
 * draws, and no sequential counter specification could match. Scripting the id keeps results
 * deterministic and lets the scenario collide ids on purpose (a live id must never be issued
 * twice, SPEC §1).
 */
public final class ScriptedIds implements OperationIdSource {
    private final ThreadLocal<String> next = new ThreadLocal<>();

    void set(int k) {
        next.set(RegistrySpec.operationId(k));
    }

    @Override
    public String nextId() {
        return next.get();
    }
}
