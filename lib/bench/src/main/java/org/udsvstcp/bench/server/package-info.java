/**
 * Real servers as resources with a lifetime: PostgreSQL and Redis started privately on loopback and
 * a private Unix socket directory, pinned like a trial's server end, always stopped (also when the
 * JVM is killed), and the Java clients and C tools that talk to them.
 */
package org.udsvstcp.bench.server;
