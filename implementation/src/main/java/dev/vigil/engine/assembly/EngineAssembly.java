package dev.vigil.engine.assembly;

import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.node.NodeParts;
import dev.vigil.engine.store.MonitorRepository;
import java.util.Objects;

/**
 * The harness's way into an engine's assembly: the seams that name internal classes, and so cannot
 * be methods of the exported {@link VigilEngine.Builder}. The simulation, the stress tests and the
 * engine's own tests run on the class path and use them; an application on the module path cannot,
 * since this package is not exported.
 *
 * <ul>
 *   <li>{@link #builder(MonitorRepository)}: an engine on an open repository that the caller owns
 *       and closes (the simulator shares one across restarts);</li>
 *   <li>{@link #checkerFactory}: how the checker is composed, to run known-buggy variants and the
 *       fallback checker.</li>
 *   <li>{@link #nodeParts}: how a node's parts are composed, to run known-buggy node variants.</li>
 * </ul>
 */
public final class EngineAssembly {
    private static volatile BuilderSeams seams;

    private EngineAssembly() {
    }

    /**
     * What {@link VigilEngine.Builder} lets this class set; implemented by the builder itself, which
     * registers it when its class is initialized.
     */
    public interface BuilderSeams {
        /**
         * Makes the builder use an open repository.
         *
         * @param builder    the builder
         * @param repository the open repository, owned by the caller
         */
        void repository(VigilEngine.Builder builder, MonitorRepository repository);

        /**
         * Makes the builder compose the checker with {@code value}.
         *
         * @param builder the builder
         * @param value   the factory
         */
        void checkerFactory(VigilEngine.Builder builder, CheckerFactory value);

        /**
         * Makes a multi-node builder compose its node's parts with {@code value}.
         *
         * @param builder the builder
         * @param value   the composition
         */
        void nodeParts(VigilEngine.Builder builder, NodeParts value);
    }

    /**
     * Called once, by {@link VigilEngine.Builder}'s class initialization.
     *
     * @param value the builder's seams
     * @throws IllegalStateException if seams were registered before
     */
    public static synchronized void register(BuilderSeams value) {
        if (seams != null) {
            throw new IllegalStateException("the builder's seams are registered already");
        }
        seams = Objects.requireNonNull(value, "seams");
    }

    /**
     * A new builder on an open repository; the caller owns and closes it. Its tables are the ones
     * it was opened with: {@code tablePrefix} and {@code schema} do not apply.
     *
     * @param repository the open repository
     * @return a fresh builder with that store
     */
    public static VigilEngine.Builder builder(MonitorRepository repository) {
        VigilEngine.Builder builder = VigilEngine.builder();
        seams().repository(builder, repository);
        return builder;
    }

    /**
     * A new builder on an open repository whose checker {@code factory} composes.
     *
     * @param repository the open repository, owned by the caller
     * @param factory    how the checker is composed
     * @return a fresh builder with that store and checker
     */
    public static VigilEngine.Builder builder(MonitorRepository repository, CheckerFactory factory) {
        return checkerFactory(builder(repository), factory);
    }

    /**
     * How the checker is composed; the harness uses this to run known-buggy variants. By default
     * the engine composes the enhanced checker with its fallback.
     *
     * @param builder the builder to change
     * @param value   the factory
     * @return {@code builder}
     * @throws IllegalStateException if the builder is sealed
     */
    public static VigilEngine.Builder checkerFactory(VigilEngine.Builder builder, CheckerFactory value) {
        seams().checkerFactory(Objects.requireNonNull(builder, "builder"), value);
        return builder;
    }

    /**
     * How a multi-node engine's node parts are composed; the harness uses this to run known-buggy
     * node variants. By default {@link NodeParts#CORRECT}.
     *
     * @param builder the builder to change
     * @param value   the composition
     * @return {@code builder}
     * @throws IllegalStateException if the builder is sealed
     */
    public static VigilEngine.Builder nodeParts(VigilEngine.Builder builder, NodeParts value) {
        seams().nodeParts(Objects.requireNonNull(builder, "builder"), value);
        return builder;
    }

    private static BuilderSeams seams() {
        BuilderSeams registered = seams;
        if (registered == null) {
            // Only before anyone made a builder: initializing its class registers the seams.
            VigilEngine.builder();
            registered = seams;
        }
        return registered;
    }
}
