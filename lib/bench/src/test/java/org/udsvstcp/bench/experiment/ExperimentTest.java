package org.udsvstcp.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.SocketTestSupport;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.RunInterruptedException;
import org.udsvstcp.bench.workload.TrialTimeoutException;
import org.udsvstcp.bench.workload.Workload;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class ExperimentTest extends SocketTestSupport {

  private static Experiment.Builder tiny() {
    return Experiment.builder()
        .workload(Workload.STREAM)
        .transports(Transport.TCP, Transport.UDS)
        .sizes(64, 1024)
        .byteBudget(64 * 1024)
        .warmup(1)
        .trials(2)
        .placement(Placement.SCHEDULER)
        .seed(42);
  }

  @Test
  void eachRoundRunsEveryCellOnceInAnOrderShuffledByTheSeed() {
    Results results = tiny().build().run();
    Table table = results.table();
    assertEquals(12, table.rowCount());
    assertEquals(List.copyOf(Rows.COLUMNS.keySet()), table.columnNames());
    for (int round = 0; round < 3; round++) {
      Table inRound = table.where(table.intColumn("round").isEqualTo(round));
      assertEquals(4, inRound.rowCount());
      assertEquals(
          4,
          inRound
              .stringColumn("transport")
              .concatenate(inRound.intColumn("size").asStringColumn())
              .unique()
              .size());
      assertEquals(round == 0 ? "warmup" : "measured", inRound.stringColumn("phase").get(0));
    }
    assertEquals(8, results.measured().rowCount());
    for (int i = 0; i < 12; i++) {
      assertEquals(i, table.intColumn("order").get(i));
      assertEquals(42L, table.longColumn("seed").get(i));
    }
    List<String> order = cellOrder(table);
    assertEquals(order, cellOrder(tiny().build().run().table()), "same seed, same order");
    assertFalse(order.equals(cellOrder(tiny().seed(7).build().run().table())), "other seed");
  }

  @Test
  void theTransportsOfOneSizeRunBackToBackSoThePairsOfARatioAreNeighbours() {
    Table table =
        tiny()
            .transports(Transport.TCP, Transport.UDS, Transport.TCP_CLASSIC)
            .sizes(64, 1024, 4096)
            .trials(3)
            .build()
            .run()
            .table();
    Set<String> firstTransports = new HashSet<>();
    List<Integer> firstSizes = new ArrayList<>();
    for (int start = 0; start < table.rowCount(); start += 3) {
      Table block = table.inRange(start, start + 3);
      assertEquals(1, block.intColumn("round").unique().size(), "a block stays in its round");
      assertEquals(1, block.intColumn("size").unique().size(), "a block holds one size");
      assertEquals(3, block.stringColumn("transport").unique().size(), "every transport once");
      firstTransports.add(block.stringColumn("transport").get(0));
      if (start % 9 == 0) {
        firstSizes.add(block.intColumn("size").get(0));
      }
    }
    assertTrue(firstTransports.size() > 1, "the order inside a block is shuffled");
    assertTrue(new HashSet<>(firstSizes).size() > 1, "the order of the blocks is shuffled");
    assertTrue(
        tiny().build().describe().contains("(the transports of one size back to back)"),
        tiny().build().describe());
  }

  private static List<String> cellOrder(Table table) {
    List<String> order = new ArrayList<>();
    for (int i = 0; i < table.rowCount(); i++) {
      order.add(table.stringColumn("transport").get(i) + "/" + table.intColumn("size").get(i));
    }
    return order;
  }

  @Test
  void eachRowIsInTheCsvWhenItsTrialFinishesAndTablesawReadsTheFileBack() throws Exception {
    Path csv = scratch.resolve("results/run.csv");
    List<Integer> rowsSeen = new ArrayList<>();
    Results results =
        tiny()
            .build()
            .run(
                csv,
                (index, total, row) -> {
                  try {
                    rowsSeen.add(Rows.read(csv).rowCount());
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                });
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), rowsSeen);
    Table back = Rows.read(csv);
    assertEquals(results.table().rowCount(), back.rowCount());
    assertEquals(ColumnType.DOUBLE, back.column("bytes_per_s").type());
    assertEquals(ColumnType.BOOLEAN, back.column("nodelay").type());
    assertTrue(back.doubleColumn("p50_us").isMissing(0), "stream has no latency");
    assertEquals(results.table().longColumn("bytes").sum(), back.longColumn("bytes").sum());
    assertEquals(
        results.table().stringColumn("pinning").get(0), back.stringColumn("pinning").get(0));
    String comments = String.join("\n", Rows.readComments(csv));
    assertTrue(comments.contains("kernel:") && comments.contains("experiment: stream"), comments);
  }

  @Test
  void anInterruptedRunKeepsEveryFinishedRowAndSaysSo() throws Exception {
    Path csv = scratch.resolve("interrupted.csv");
    ExperimentException e =
        assertThrows(
            ExperimentException.class,
            () ->
                tiny()
                    .build()
                    .run(
                        csv,
                        (index, total, row) -> {
                          if (index == 2) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    assertTrue(Thread.interrupted(), "the interrupt status is restored");
    assertInstanceOf(RunInterruptedException.class, e.getCause());
    assertTrue(e.getMessage().contains("after 3 of 12 trials"), e.getMessage());
    assertEquals(3, e.results().table().rowCount());
    assertEquals(3, Rows.read(csv).rowCount());
    assertTrue(benchThreads().isEmpty(), benchThreads().toString());
  }

  @Test
  void aTrialPastItsTimeoutStopsTheRunKeepingTheRowsBeforeIt() throws Exception {
    Path csv = scratch.resolve("timeout.csv");
    var before = socketDirectories();
    ExperimentException e =
        assertThrows(
            ExperimentException.class,
            () ->
                tiny()
                    .byteBudget(0)
                    .duration(Duration.ofSeconds(60))
                    .timeout(Duration.ofMillis(300))
                    .build()
                    .run(csv, Progress.NONE));
    assertInstanceOf(TrialTimeoutException.class, e.getCause());
    assertTrue(e.getMessage().contains("timeout of 300 ms"), e.getMessage());
    assertEquals(0, Rows.read(csv).rowCount());
    assertTrue(benchThreads().isEmpty(), benchThreads().toString());
    assertTrue(before.containsAll(socketDirectories()), "no socket directory left");
  }

  @Test
  void processIsolationMovesBytesInChildJvmsAndReapsThem() {
    Results results =
        Experiment.builder()
            .workload(Workload.PINGPONG)
            .transports(Transport.TCP, Transport.UDS, Transport.UDS_JUNIX)
            .sizes(64)
            .count(200)
            .warmup(0)
            .trials(1)
            .isolation(Isolation.PROCESSES)
            .placement(Placement.SAME_CORE)
            .build()
            .run();
    Table table = results.table();
    assertEquals(3, table.rowCount());
    assertEquals(600, table.longColumn("messages").sum());
    assertEquals("processes", table.stringColumn("isolation").get(0));
    String pinning = table.stringColumn("pinning").get(0);
    if (Affinity.taskset().isPresent()) {
      assertTrue(pinning.contains("taskset -c on each process, verified"), pinning);
      int cpu = Affinity.allowedCpus().get(0);
      assertEquals(cpu, table.intColumn("server_cpu").get(0));
      assertEquals(cpu, table.intColumn("client_cpu").get(0));
    }
    assertEquals(0, ProcessHandle.current().children().count());
  }

  @Test
  void threadsPinnedToOneCoreRunThereAndTheRowSaysItWasVerified() {
    assumePinning();
    List<Integer> allowed = Affinity.allowedCpus();
    String before = Affinity.currentThreadCpuList();
    Results results = tiny().placement(Placement.SAME_CORE).warmup(0).trials(1).build().run();
    Table table = results.table();
    int cpu = allowed.get(0);
    String pinning = table.stringColumn("pinning").get(0);
    List<Integer> others = new java.util.ArrayList<>(allowed);
    others.remove((Integer) cpu);
    String moved =
        others.isEmpty()
            ? ""
            : "; other JVM threads on cpu" + Affinity.formatCpuList(others).replace(",", ",cpu");
    assertEquals(
        "server cpu"
            + cpu
            + ", client cpu"
            + cpu
            + " (taskset -p on each thread, verified)"
            + moved,
        pinning);
    assertEquals(cpu, table.intColumn("server_cpu").get(0));
    assertEquals(cpu, table.intColumn("client_cpu").get(0));
    // the JVM's threads, this one included, may use every CPU again afterwards
    assertEquals(before, Affinity.currentThreadCpuList());
  }

  @Test
  void crossCoreRunsTheEndsOnTwoCpusOrSaysWhyNot() {
    assumePinning();
    Results results = tiny().placement(Placement.CROSS_CORE).warmup(0).trials(1).build().run();
    String pinning = results.table().stringColumn("pinning").get(0);
    List<Integer> cpus = Affinity.allowedCpus();
    if (cpus.size() < 2) {
      assertTrue(pinning.startsWith("not pinned: cross-core needs two CPUs"), pinning);
    } else {
      assertTrue(
          pinning.startsWith("server cpu" + cpus.get(0) + ", client cpu" + cpus.get(1)), pinning);
      assertEquals((int) cpus.get(1), results.table().intColumn("client_cpu").get(0));
    }
  }

  @Test
  void theOriginalAlwaysSendsTwelveByteMessagesInTheGivenOrder() {
    Results results =
        Experiment.builder()
            .workload(Workload.ORIGINAL)
            .transports(Transport.TCP, Transport.UDS)
            .duration(Duration.ofMillis(30))
            .warmup(0)
            .trials(1)
            .shuffle(false)
            .placement(Placement.SCHEDULER)
            .build()
            .run();
    Table table = results.table();
    assertEquals(List.of("tcp", "uds"), table.stringColumn("transport").asList());
    assertEquals(12, table.intColumn("size").get(0));
  }

  @Test
  void refusesToOverwriteAFileItDidNotWrite() throws Exception {
    Path csv = Files.writeString(scratch.resolve("mine.csv"), "a,b\n1,2\n");
    ExperimentException e =
        assertThrows(ExperimentException.class, () -> tiny().build().run(csv, Progress.NONE));
    assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
    assertEquals("a,b\n1,2\n", Files.readString(csv));
  }

  @Test
  void badSettingsAreRejectedBeforeAnythingRuns() {
    assertThrows(IllegalArgumentException.class, () -> tiny().trials(0).build());
    assertThrows(IllegalArgumentException.class, () -> tiny().sizes(0).build());
    assertThrows(IllegalArgumentException.class, () -> tiny().transports(List.of()).build());
  }

  @Test
  void nodelayAndWritesPerMessageAreCellsOfEveryRoundAndColumnsOfEveryRow() {
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.PINGPONG)
            .transports(Transport.TCP, Transport.UDS)
            .sizes(64)
            .count(20)
            // Nagle off only with one write: two writes with Nagle would stall ~40 ms each.
            .nodelay(true)
            .writesPerMessage(1, 2)
            .warmup(0)
            .trials(2)
            .placement(Placement.SCHEDULER)
            .seed(3)
            .build();
    assertEquals(8, experiment.totalTrials(), "2 transports x 2 writes x 2 rounds");
    assertTrue(experiment.describe().contains("each message in 1 or 2 writes"));
    Table table = experiment.run().table();
    assertEquals(8, table.rowCount());
    for (int round = 0; round < 2; round++) {
      Table inRound = table.where(table.intColumn("round").isEqualTo(round));
      assertEquals(
          List.of("tcp/1", "tcp/2", "uds/1", "uds/2"),
          inRound
              .stringColumn("transport")
              .concatenate("/")
              .concatenate(inRound.intColumn("writes").asStringColumn())
              .unique()
              .asList()
              .stream()
              .sorted()
              .toList());
    }
    assertEquals(2L * 64 * 20, table.longColumn("bytes").get(0));
  }

  @Test
  void bothNodelayValuesRunForTcpButAUnixSocketRunsOnce() {
    Experiment experiment =
        Experiment.builder()
            .workload(Workload.PINGPONG)
            .transports(Transport.TCP, Transport.UDS)
            .sizes(64)
            .count(20)
            .nodelay(true, false)
            .warmup(0)
            .trials(1)
            .placement(Placement.SCHEDULER)
            .build();
    assertEquals(3, experiment.totalTrials());
    assertTrue(experiment.describe().contains("TCP_NODELAY on and off"));
    Table table = experiment.run().table();
    Table tcp = table.where(table.stringColumn("transport").isEqualTo("tcp"));
    assertEquals(2, tcp.booleanColumn("nodelay").unique().size());
    assertEquals(1, table.where(table.stringColumn("transport").isEqualTo("uds")).rowCount());
    assertEquals(List.of(1), table.intColumn("writes").unique().asList());
  }

  @Test
  void splittingAStreamMessageIsRefusedWhenBuilt() {
    assertThrows(IllegalArgumentException.class, () -> tiny().writesPerMessage(2).build());
  }

  @Test
  void aCsvFromBeforeTheWritesColumnReadsBackWithOneWritePerMessage() throws Exception {
    Path csv = scratch.resolve("old.csv");
    List<String> columns = new ArrayList<>(Rows.COLUMNS.keySet());
    columns.remove("writes");
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      values.add(
          switch (Rows.COLUMNS.get(column).name()) {
            case "STRING" -> column.equals("phase") ? "measured" : "x";
            case "BOOLEAN" -> "true";
            default -> "1";
          });
    }
    Files.writeString(
        csv,
        Rows.CSV_SIGNATURE + "\n" + String.join(",", columns) + "\n" + String.join(",", values));
    Table back = Rows.read(csv);
    assertEquals(List.copyOf(Rows.COLUMNS.keySet()), back.columnNames());
    assertEquals(1, back.intColumn("writes").get(0));
  }
}
