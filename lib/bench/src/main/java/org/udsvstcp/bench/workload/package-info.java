/**
 * What one trial measures (stream, pingpong, connect, original), each a server role and a client
 * role whose tallies combine into a verified {@link org.udsvstcp.bench.workload.TrialResult};
 * {@link org.udsvstcp.bench.workload.Trial} runs the two roles on two peers with a timeout.
 */
package org.udsvstcp.bench.workload;
