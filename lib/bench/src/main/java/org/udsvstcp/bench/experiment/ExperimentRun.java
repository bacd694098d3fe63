package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.env.Environment;
import org.udsvstcp.bench.route.PrivateRoute;
import org.udsvstcp.bench.server.ManagedServer;
import org.udsvstcp.bench.transport.TransportOptions;
import org.udsvstcp.bench.workload.Peer;
import org.udsvstcp.bench.workload.RunInterruptedException;
import org.udsvstcp.bench.workload.Trial;
import org.udsvstcp.bench.workload.TrialResult;
import org.udsvstcp.bench.workload.TrialSpec;
import tech.tablesaw.api.Table;

/**
 * One run of an experiment: opens what it needs ({@link RunResources}), runs the trials of its
 * {@link Plan} one by one, appending each row to the table and the CSV file as it finishes, and
 * says where the rows are if it stops early.
 */
final class ExperimentRun {
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private ExperimentRun() {}

  /**
   * Runs {@code experiment} as {@link Experiment#run(Path, Progress, List)} describes, with {@code
   * notes} as {@code # note:} lines at the top of the CSV file.
   */
  static Results run(Experiment experiment, Path csv, Progress progress, List<String> notes) {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(notes, "notes");
    Random random = new Random(experiment.seed());
    String runId =
        RUN_ID_TIME.format(Instant.now())
            + "-"
            + String.format("%04x", new Random().nextInt(1 << 16));
    Environment environment = Environment.capture();
    Table table = Rows.emptyTable(runId);
    Results results = new Results(runId, experiment, environment, table, csv);
    List<Plan.Step> plan = Plan.steps(experiment, random);
    Isolation isolation = experiment.isolation();
    Placement placement = experiment.placement();
    int finished = 0;
    int rowsInFile = 0;
    try (RunResources resources = new RunResources()) {
      Cpus cpus = Cpus.forPlacement(placement);
      // Pinned where a bare-socket trial's server end would run.
      resources.startServers(experiment.workloads(), cpus.server());
      // Before the CSV's header, which names what the routes are made of.
      resources.routes.open(experiment.transports(), cpus.server(), cpus.client());
      if (csv != null) {
        List<String> comments = new ArrayList<>();
        notes.forEach(note -> comments.add("note: " + note));
        comments.add("run " + runId + " (" + Profile.current().label() + ")");
        comments.add("experiment: " + experiment.describe());
        comments.addAll(environment.toFullText().lines().toList());
        resources.servers().forEach(server -> comments.add("server: " + server.describe()));
        resources.routes.describe().forEach(route -> comments.add("route: " + route));
        resources.routes.commands().forEach(command -> comments.add("route command: " + command));
        resources.sink = CsvSink.create(csv, comments);
      }
      // Without an explicit path every trial's listener makes its own private directory and
      // removes it once its client is connected, so a kill mid-run leaves at most one behind (and
      // the next run sweeps it).
      TransportOptions options =
          new TransportOptions(
              experiment.host(),
              experiment.port(),
              experiment.udsPath(),
              experiment.nodelay().get(0));
      if (isolation == Isolation.THREADS && placement == Placement.SAME_CORE) {
        // Both ends share one CPU: keep the rest of this JVM on the others, so that its JIT,
        // collector and (in a notebook) kernel threads do not take turns with the measurement.
        List<Integer> others = new ArrayList<>(Affinity.allowedCpus());
        others.remove((Integer) cpus.server().getAsInt());
        resources.moved = Affinity.moveProcess(others).orElse(null);
      }
      if (experiment.transports().stream().anyMatch(t -> !t.needsRoute())) {
        // tcp-sockmap and tcp-veth have their own two peers, inside their route.
        resources.startPeers(isolation, cpus);
      }
      String pinning =
          (resources.server == null
                  ? ""
                  : pinningText(isolation, cpus, resources.server, resources.client))
              + (resources.moved == null
                  ? ""
                  : "; other JVM threads on cpu"
                      + Affinity.formatCpuList(resources.moved.cpus()).replace(",", ",cpu"));
      for (Plan.Step planned : plan) {
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new RunInterruptedException("interrupted between trials");
        }
        Plan.Cell cell = planned.cell();
        TrialSpec spec =
            cell.spec(experiment.duration(), experiment.byteBudget(), experiment.count());
        ManagedServer server = resources.serverOf(cell.workload());
        boolean routed = resources.routes.has(cell.transport());
        TransportOptions cellOptions =
            server != null ? server.options(cell.nodelay()) : options.withNodelay(cell.nodelay());
        PrivateRoute.Carried before = routed ? resources.routes.carried(cell.transport()) : null;
        Peer serverPeer = routed ? resources.routes.server(cell.transport()) : resources.server;
        Peer clientPeer = routed ? resources.routes.client(cell.transport()) : resources.client;
        String startedAt = Instant.now().toString();
        TrialResult result =
            Trial.run(
                spec,
                routed ? resources.routes.options(cell.transport(), cellOptions) : cellOptions,
                serverPeer,
                clientPeer,
                experiment.timeout() == null ? Trial.defaultTimeout(spec) : experiment.timeout());
        // Fails the trial if its bytes did not take the route.
        double routeBytes = routed ? resources.routes.check(spec, result, before) : Double.NaN;
        TrialRow row =
            TrialRow.of(
                runId,
                experiment.seed(),
                result,
                isolation,
                placement,
                server != null
                    ? serverPinning(server, resources.client, pinning)
                    : routed ? pinningText(isolation, cpus, serverPeer, clientPeer) : pinning,
                cell.nodelay(),
                cell.writes(),
                cell.depth(),
                cell.clients(),
                cell.rate() > 0 ? cell.rate() : Double.NaN,
                planned.phase(),
                planned.round(),
                planned.trial(),
                planned.order(),
                startedAt,
                routeBytes);
        Rows.append(table, row);
        finished++;
        if (resources.sink != null) {
          resources.sink.append(row);
          rowsInFile++;
        }
        progress.trialFinished(planned.order(), plan.size(), row);
      }
      return results;
    } catch (ResultsFileException e) {
      throw new ExperimentException(
          stopped(finished, plan.size(), e, csv, rowsInFile, true), e, results);
    } catch (IOException | RuntimeException e) {
      throw new ExperimentException(
          stopped(finished, plan.size(), e, csv, rowsInFile, false), e, results);
    }
  }

  /**
   * Says where a stopped run's rows are: in the table always, and in the CSV unless writing it is
   * what failed, in which case only the rows written before the failure are there.
   */
  private static String stopped(
      int finished, int total, Exception e, Path csv, int rowsInFile, boolean csvFailed) {
    String what = e.getMessage() == null ? e.toString() : e.getMessage();
    if (finished == 0 && csvFailed) {
      return what + "; no trial ran";
    }
    String kept =
        csv == null
            ? ""
            : !csvFailed
                ? " (also in " + csv + ")"
                : "; "
                    + csv
                    + " holds only the first "
                    + rowsInFile
                    + (rowsInFile == 1 ? " row" : " rows");
    return "run stopped after "
        + finished
        + " of "
        + total
        + " trials: "
        + what
        + "; the "
        + finished
        + " finished rows are kept in the results table"
        + kept;
  }

  private static String pinningText(Isolation isolation, Cpus cpus, Peer server, Peer client) {
    if (cpus.reason() != null) {
      return "not pinned: " + cpus.reason();
    }
    Affinity.Pinning s = server.pinning();
    Affinity.Pinning c = client.pinning();
    if (s.pinned() && c.pinned()) {
      String method =
          isolation == Isolation.THREADS
              ? "taskset -p on each thread"
              : "taskset -c on each process";
      return "server cpu" + s.cpu() + ", client cpu" + c.cpu() + " (" + method + ", verified)";
    }
    return s.pinned() ? c.description() : s.description();
  }

  /** A server trial's pinning: the server process's (verified), then the client peer's. */
  private static String serverPinning(ManagedServer server, Peer client, String peers) {
    Affinity.Pinning c = client.pinning();
    return server.pinning().description()
        + ", "
        + (c.pinned() ? "client cpu" + c.cpu() + " (verified)" : c.description())
        + (peers.contains("; other JVM threads") ? peers.substring(peers.indexOf(';')) : "");
  }
}
