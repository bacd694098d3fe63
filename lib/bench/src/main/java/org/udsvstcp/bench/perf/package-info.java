/**
 * Kernel samples and what they were spent on: {@code perf script} output parsed into samples with
 * their kernel call chains, and the documented table of rules ({@code kernel-categories.tsv}) that
 * puts each sample in one category (system calls, mitigations, copying, TCP/IP, Unix sockets,
 * memory, scheduler, everything else), attributing interrupt re-enable points by their caller.
 * Depends on nothing of this project: the experiment layer runs perf and hands the text here.
 */
package org.udsvstcp.bench.perf;
