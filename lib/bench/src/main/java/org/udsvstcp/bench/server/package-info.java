/**
 * Real servers as resources with a lifetime: PostgreSQL and Redis started privately on loopback and
 * a private Unix socket directory, pinned like a trial's server end, always stopped (also when the
 * JVM is killed); where their programs are, and connections to them over either family. It knows
 * nothing of trials: the clients that measure requests are workloads ({@code bench.workload}).
 */
package org.udsvstcp.bench.server;
