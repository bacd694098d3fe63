/**
 * Experiments: transports x sizes x rounds in a shuffled, seeded order, one {@link
 * org.udsvstcp.bench.experiment.TrialRow} per trial appended to a Tablesaw table and a CSV file as
 * it finishes, with threads or child processes as the two ends, pinned as the placement asks, and
 * the real servers a run needs started and stopped around it; and the analyses of a run's rows that
 * know its workloads (a Java client beside its C tool, a round trip split into transport and work).
 */
package org.udsvstcp.bench.experiment;
