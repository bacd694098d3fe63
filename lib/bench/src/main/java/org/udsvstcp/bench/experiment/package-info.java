/**
 * Experiments: transports x sizes x rounds in a shuffled, seeded order, one {@link
 * org.udsvstcp.bench.experiment.TrialRow} per trial appended to a Tablesaw table and a CSV file as
 * it finishes, with threads or child processes as the two ends, pinned as the placement asks.
 */
package org.udsvstcp.bench.experiment;
