/**
 * Robust statistics of trial rows: per-group summaries (median, IQR, CV, MAD outliers, bootstrap CI
 * of the median), paired UDS/TCP ratios with their CI, warnings that say what to do, and the text
 * formatting the command line prints.
 */
package org.udsvstcp.bench.stats;
