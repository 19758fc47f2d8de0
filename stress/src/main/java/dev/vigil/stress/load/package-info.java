/**
 * The loopback load test: the real engine, its production runtime and a SQLite file against an
 * HTTP server on 127.0.0.1, measured (checks per second, tick lag, CPU, heap) and audited (SPEC
 * I2: every history row from a valid operation; a stopped monitor stays paused). Figures are
 * reported, never asserted; only the audit decides the exit code.
 */
package dev.vigil.stress.load;
