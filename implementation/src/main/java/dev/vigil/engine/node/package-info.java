/**
 * Several engine nodes on one store (SPEC §6, N4–N7): per-monitor leases with fencing tokens on
 * the database's clock, renewed in one transaction per node per period ({@link
 * dev.vigil.engine.node.NodeKeeper}); rendezvous placement of new and orphaned monitors ({@link
 * dev.vigil.engine.node.RendezvousPlacement}); and the guard that keeps a monitor's timers from
 * acting once its node no longer holds it. Internal: not exported.
 */
package dev.vigil.engine.node;
