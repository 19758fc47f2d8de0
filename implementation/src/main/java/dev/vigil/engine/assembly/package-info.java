/**
 * Internal, not exported: how the verification harness assembles an engine from parts that an
 * application never chooses (an open repository shared across restarts, a checker variant).
 * {@link dev.vigil.engine.assembly.EngineAssembly} is the one way in; the simulation, the stress
 * tests and the engine's tests use it from the class path.
 */
package dev.vigil.engine.assembly;
