package org.udsvstcp.bench.experiment;

import java.util.List;
import java.util.OptionalInt;
import org.udsvstcp.bench.env.Affinity;

/**
 * The CPUs each end of a trial is pinned to for a placement, or why they are not.
 *
 * @param server the server end's CPU, if pinned
 * @param client the client end's CPU, if pinned
 * @param reason why the ends are not pinned, or null if they are
 */
record Cpus(OptionalInt server, OptionalInt client, String reason) {

  /** Returns the CPUs of {@code placement} among those this process may use. */
  static Cpus forPlacement(Placement placement) {
    List<Integer> allowed = Affinity.allowedCpus();
    return switch (placement) {
      case SCHEDULER -> new Cpus(OptionalInt.empty(), OptionalInt.empty(), "left to the scheduler");
      case SAME_CORE ->
          new Cpus(OptionalInt.of(allowed.get(0)), OptionalInt.of(allowed.get(0)), null);
      case CROSS_CORE ->
          allowed.size() < 2
              ? new Cpus(
                  OptionalInt.empty(),
                  OptionalInt.empty(),
                  "cross-core needs two CPUs, this process may use only " + allowed)
              : new Cpus(OptionalInt.of(allowed.get(0)), OptionalInt.of(allowed.get(1)), null);
    };
  }
}
