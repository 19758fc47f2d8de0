package dev.vigil.engine;

/**
 * A command reached an engine that was closed (a listener's command during close included).
 * Nothing changed; open a new engine on the same store to go on.
 */
public final class EngineClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The rejection of a command on a closed engine; the message says to open a new one. */
    public EngineClosedException() {
        super("the engine is closed; open a new one on the same store");
    }
}
