/**
 * The monitors' lanes: everything that happens to one monitor (commands, timer firings, probe
 * returns) runs in its lane, one at a time, and different monitors run in parallel (SPEC
 * "Concurrency", DESIGN). The command layer, the checkers and the event publisher all use it, so
 * it sits below them: no rule lives here, only the serialization the rules rely on, and the
 * check that events are delivered while no lane is held (R14).
 */
package dev.vigil.engine.lane;
