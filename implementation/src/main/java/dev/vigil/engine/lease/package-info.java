/**
 * The single-writer guard (SPEC "Nodes", N1–N2): an engine holds its store's lease while it is
 * open, renews it through the runtime seam's timers, and stops acting the moment it learns it
 * lost it. Lease time is the database's, never this process's: the keeper only uses its own
 * monotonic clock to decide when to renew, and to doubt the lease, never to extend it.
 */
package dev.vigil.engine.lease;
