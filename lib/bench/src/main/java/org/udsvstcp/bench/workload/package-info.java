/**
 * What one trial measures (stream, pingpong, connect, original; and the real servers' requests),
 * each a server role and a client role whose tallies combine into a verified {@link
 * org.udsvstcp.bench.workload.TrialResult}; {@link org.udsvstcp.bench.workload.Trial} runs the two
 * roles on two peers with a timeout. A real server's client role is a Java client (pgjdbc, Jedis;
 * with many clients Jedis's pool, Lettuce, HikariCP) or the server's own C tool, over a connection
 * from {@code bench.server}, with the server processes' cost over its measured interval.
 */
package org.udsvstcp.bench.workload;
