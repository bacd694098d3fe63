package org.udsvstcp.bench.experiment;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.env.Environment;
import org.udsvstcp.bench.perf.KernelCategory;
import org.udsvstcp.bench.reference.ReferenceRun;
import org.udsvstcp.bench.reference.ReferenceRuns;
import org.udsvstcp.bench.transport.Transport;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Kernel profiles of stream trials, one per transport and size ({@link KernelProfile}), as one tidy
 * table: a row per transport, size and category with the category's time per message, the two ends'
 * user time as the category {@code user}, and beside each row its profile's checks (kernel time
 * from the samples and from the cost columns); written to and read from a CSV file whose {@code #}
 * lines carry the machine.
 */
public final class KernelProfiles {
  /** Marks the first line of a kernel-profile CSV file. */
  public static final String CSV_SIGNATURE = "# uds-vs-tcp kernel profile";

  /** The category of the two ends' user-space time in the table. */
  public static final String USER = "user";

  /** The label of {@link #USER}. */
  public static final String USER_LABEL = "user space (the JVM)";

  /** The sizes a profile covers unless told otherwise: a call, a page, a segment. */
  public static final List<Integer> SIZES = List.of(64, 4096, 65536);

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private KernelProfiles() {}

  /**
   * Profiles one stream trial per size and transport (the transports of a size back to back), each
   * after an unsampled one, and tells {@code each} about every profile as it is done.
   *
   * @throws org.udsvstcp.bench.BenchException if perf is unavailable or fails
   */
  public static List<KernelProfile> run(
      List<Transport> transports,
      List<Integer> sizes,
      Duration duration,
      Path workDir,
      BiConsumer<Integer, KernelProfile> each) {
    List<KernelProfile> profiles = new ArrayList<>();
    for (int size : sizes) {
      for (Transport transport : transports) {
        KernelProfile profile = KernelProfile.stream(transport, size, duration, workDir);
        profiles.add(profile);
        each.accept(profiles.size() - 1, profile);
      }
    }
    return profiles;
  }

  /** Returns a new run id, as a results file's rows have: the UTC time and four hex digits. */
  public static String newRunId() {
    return RUN_ID_TIME.format(Instant.now())
        + "-"
        + String.format("%04x", new Random().nextInt(1 << 16));
  }

  /**
   * Returns the profiles as one tidy table: run_id, transport, size, category, label,
   * ns_per_message, moved_ns_per_message, then per profile messages, seconds, bytes_per_s, samples,
   * period_ns, sampled, perf_kernel_ns_per_message, perf_user_ns_per_message,
   * cost_system_ns_per_message, cost_cpu_ns_per_message, switches_per_message, calls_per_message
   * (writes and reads), others_ns_per_message, idle_ns_per_message and unnamed_ns_per_message.
   */
  public static Table table(List<KernelProfile> profiles, String runId) {
    Table t = empty("kernel time per message by category");
    for (KernelProfile p : profiles) {
      double messages = p.messages();
      for (KernelCategory category : KernelCategory.values()) {
        row(
            t,
            runId,
            p,
            category.id(),
            category.label(),
            p.nsPerMessage(category),
            p.time().movedByCategory().get(category) / messages);
      }
      row(t, runId, p, USER, USER_LABEL, p.userNsPerMessage(), 0);
    }
    return t;
  }

  private static Table empty(String name) {
    return Table.create(
        name,
        StringColumn.create("run_id"),
        StringColumn.create("transport"),
        IntColumn.create("size"),
        StringColumn.create("category"),
        StringColumn.create("label"),
        DoubleColumn.create("ns_per_message"),
        DoubleColumn.create("moved_ns_per_message"),
        LongColumn.create("messages"),
        DoubleColumn.create("seconds"),
        DoubleColumn.create("bytes_per_s"),
        LongColumn.create("samples"),
        LongColumn.create("period_ns"),
        StringColumn.create("sampled"),
        DoubleColumn.create("perf_kernel_ns_per_message"),
        DoubleColumn.create("perf_user_ns_per_message"),
        DoubleColumn.create("cost_system_ns_per_message"),
        DoubleColumn.create("cost_cpu_ns_per_message"),
        DoubleColumn.create("switches_per_message"),
        DoubleColumn.create("calls_per_message"),
        DoubleColumn.create("others_ns_per_message"),
        DoubleColumn.create("idle_ns_per_message"),
        DoubleColumn.create("unnamed_ns_per_message"));
  }

  private static void row(
      Table t,
      String runId,
      KernelProfile p,
      String category,
      String label,
      double ns,
      double moved) {
    double messages = p.messages();
    t.stringColumn("run_id").append(runId);
    t.stringColumn("transport").append(p.transport().label());
    t.intColumn("size").append(p.size());
    t.stringColumn("category").append(category);
    t.stringColumn("label").append(label);
    t.doubleColumn("ns_per_message").append(ns);
    t.doubleColumn("moved_ns_per_message").append(moved);
    t.longColumn("messages").append(p.messages());
    t.doubleColumn("seconds").append(p.result().seconds());
    t.doubleColumn("bytes_per_s").append(p.result().bytesPerSecond());
    t.longColumn("samples").append(p.samples());
    t.longColumn("period_ns").append(KernelProfile.PERIOD_NS);
    t.stringColumn("sampled").append(p.sampled());
    t.doubleColumn("perf_kernel_ns_per_message").append(p.kernelNsPerMessage());
    t.doubleColumn("perf_user_ns_per_message").append(p.userNsPerMessage());
    t.doubleColumn("cost_system_ns_per_message").append(p.costSystemNsPerMessage());
    t.doubleColumn("cost_cpu_ns_per_message").append(p.costCpuNsPerMessage());
    t.doubleColumn("switches_per_message")
        .append(
            (p.result().serverCost().switches() + p.result().clientCost().switches()) / messages);
    // Stream: one write per message at the client, and the server's read calls.
    t.doubleColumn("calls_per_message").append((messages + p.result().reads()) / messages);
    t.doubleColumn("others_ns_per_message").append(p.time().othersNs() / messages);
    t.doubleColumn("idle_ns_per_message").append(p.time().idleNs() / messages);
    t.doubleColumn("unnamed_ns_per_message").append(p.time().unnamedNs() / messages);
  }

  /**
   * Writes a profile table to {@code csv} after {@code #} lines: the signature, the run, any notes,
   * the method and the machine ({@link Environment#toFullText()}); a file that exists is replaced
   * only if this library wrote it.
   *
   * @throws ResultsFileException naming the file and why it cannot be written
   */
  public static void write(Path csv, Table table, String method, List<String> notes) {
    StringBuilder text = new StringBuilder(CSV_SIGNATURE).append('\n');
    List<String> comments = new ArrayList<>();
    comments.addAll(notes);
    comments.add(
        "run "
            + (table.rowCount() == 0 ? "(none)" : table.stringColumn("run_id").get(0))
            + " ("
            + Profile.current().label()
            + ")");
    comments.add("method: " + method);
    comments.addAll(Environment.capture().toFullText().lines().toList());
    for (String comment : comments) {
      for (String line : comment.split("\\R")) {
        text.append("# ").append(line).append('\n');
      }
    }
    StringWriter body = new StringWriter();
    table.write().csv(body);
    text.append(body);
    try {
      if (Files.isDirectory(csv)) {
        throw new ResultsFileException(csv, "create", "it is a directory", null);
      }
      if (Files.isRegularFile(csv)) {
        String first = Files.readAllLines(csv).stream().findFirst().orElse("");
        if (!first.equals(CSV_SIGNATURE)) {
          throw ResultsFileException.notOurs(csv);
        }
      }
      Path parent = csv.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(csv, text.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ResultsFileException(csv, "write", ResultsFileException.reason(csv, e), e);
    }
  }

  /**
   * Returns the kernel profile of a committed reference run ({@link ReferenceRuns#PROFILE}), or
   * nothing when the run has none (its machine could not be profiled, or it was made before).
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Optional<Table> of(ReferenceRun run) {
    if (!run.has(ReferenceRuns.PROFILE)) {
      return Optional.empty();
    }
    try {
      return Optional.of(read(run.file(ReferenceRuns.PROFILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a profile table written by {@link #write}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a kernel-profile CSV
   */
  public static Table read(Path csv) throws IOException {
    String first = Files.readAllLines(csv).stream().findFirst().orElse("");
    if (!first.equals(CSV_SIGNATURE)) {
      throw new IllegalArgumentException(
          csv + " is not a kernel-profile CSV (its first line is not '" + CSV_SIGNATURE + "')");
    }
    Table model = empty("model");
    CsvReadOptions options =
        CsvReadOptions.builder(csv.toFile())
            .commentPrefix('#')
            .header(true)
            .tableName(csv.getFileName().toString())
            .columnTypes(
                name -> model.containsColumn(name) ? model.column(name).type() : ColumnType.STRING)
            .build();
    return Table.read().usingOptions(options);
  }
}
