package org.udsvstcp.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.udsvstcp.bench.Profile;
import org.udsvstcp.bench.reference.ReferenceRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reference-run}: this machine's reference run, one file per {@link #STEPS step} in a new
 * directory {@code notebooks/reference/NAME/}, each with the machine in its header, so the
 * notebooks can set any later run beside it.
 */
@Command(
    name = "reference-run",
    mixinStandardHelpOptions = true,
    description =
        "Makes this machine's reference run in a new directory DIR/NAME: notebook 03's stream"
            + " sweep, notebook 04's 64 B round trips, notebook 08's kernel profile and notebook"
            + " 09's streams and round trips over tcp-sockmap and tcp-veth (root only), each a CSV"
            + " with the machine, a note and its command in its header. With --steps, only the"
            + " named files, into DIR/NAME even if it exists, never replacing a file. In the quick"
            + " profile the steps are tiny smoke runs.")
final class ReferenceCommand implements Callable<Integer> {
  /**
   * One step of a reference run: the file it writes in the reference directory, what it is, and its
   * command line (without {@code --out}, which the reference command adds) for a profile.
   *
   * @param file the file's name in the reference directory
   * @param what what the file holds, for its header and the command's output
   * @param args the command line that writes it, by profile (the quick profile shrinks it)
   */
  record Step(String file, String what, Function<Profile, List<String>> args) {}

  /**
   * The steps every machine's reference run takes, in order: add a line here to give every
   * reference a further file (the notebook that reads it names the file).
   */
  static final List<Step> STEPS =
      List.of(
          new Step(
              "03-message-sizes.csv",
              "notebook 03's Experiment 1, the stream sweep",
              p ->
                  List.of(
                      "run",
                      "--workload=stream",
                      "--transports=tcp,uds,uds-junix,tcp-classic",
                      "--sizes=16,64,256,1k,4k,16k,64k,256k,1m",
                      "--duration=" + (p.smokeOnly() ? "20ms" : "200ms"),
                      "--trials=" + (p.smokeOnly() ? 1 : 10),
                      "--warmup=" + (p.smokeOnly() ? 0 : 2),
                      "--placement=same-core",
                      "--seed=13")),
          new Step(
              "04-round-trips.csv",
              "notebook 04's Experiment 1, 64 B round trips with both ends on one CPU",
              p ->
                  List.of(
                      "run",
                      "--workload=pingpong",
                      "--transports=tcp,uds,uds-junix,tcp-classic",
                      "--sizes=64",
                      "--round-trips=" + (p.smokeOnly() ? 200 : 20000),
                      "--trials=" + (p.smokeOnly() ? 1 : 10),
                      "--warmup=" + (p.smokeOnly() ? 0 : 2),
                      "--placement=same-core",
                      "--seed=13")),
          new Step(
              "08-kernel-profile.csv",
              "notebook 08's kernel profile, time per message by category",
              p ->
                  List.of(
                      "profile",
                      "--transports=tcp,uds",
                      "--sizes=64,4k,64k",
                      "--duration=" + (p.smokeOnly() ? "100ms" : "2s"))),
          // Notebook 09's two experiments: the two route transports run both ends as processes
          // inside their routes, so all four do; they need root (the step fails elsewhere).
          new Step(
              ReferenceRuns.ROUTE_STREAM,
              "notebook 09's Experiment 1, streams over tcp-sockmap, tcp, tcp-veth and uds",
              p ->
                  List.of(
                      "run",
                      "--workload=stream",
                      "--transports=tcp-sockmap,tcp,tcp-veth,uds",
                      "--sizes=64,4k,64k",
                      "--duration=" + (p.smokeOnly() ? "20ms" : "200ms"),
                      "--trials=" + (p.smokeOnly() ? 1 : 10),
                      "--warmup=" + (p.smokeOnly() ? 0 : 2),
                      "--isolation=processes",
                      "--placement=same-core",
                      "--seed=21")),
          new Step(
              ReferenceRuns.ROUTE_ROUND_TRIPS,
              "notebook 09's Experiment 2, 64 B round trips over tcp-sockmap, tcp, tcp-veth and"
                  + " uds",
              p ->
                  List.of(
                      "run",
                      "--workload=pingpong",
                      "--transports=tcp-sockmap,tcp,tcp-veth,uds",
                      "--sizes=64",
                      "--round-trips=" + (p.smokeOnly() ? 200 : 10000),
                      "--trials=" + (p.smokeOnly() ? 1 : 10),
                      "--warmup=" + (p.smokeOnly() ? 0 : 2),
                      "--isolation=processes",
                      "--placement=same-core",
                      "--seed=22")));

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "the machine and month, <machine>-<yyyy>-<mm>, e.g. amd-epyc-2026-12")
  String name;

  @Option(
      names = "--dir",
      defaultValue = "notebooks/reference",
      description = "where the reference directories are (default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(
      names = "--note",
      description = "a line for every file's header, e.g. 'busy machine' (repeatable)")
  List<String> notes = new ArrayList<>();

  @Option(
      names = "--steps",
      split = ",",
      paramLabel = "FILE",
      description =
          "take only these steps (their files, comma-separated, e.g. 09-stream.csv,09-pingpong.csv)"
              + " into DIR/NAME, which may exist; refused if any of them is there already")
  List<String> only = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!ReferenceRuns.NAME.matcher(name).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "NAME must be <machine>-<yyyy>-<mm> in lower-case letters, digits and '-', like"
              + " amd-epyc-2026-12; got '"
              + name
              + "'");
    }
    Path target = dir.resolve(name);
    List<Step> steps = only.isEmpty() ? STEPS : named(target);
    if (only.isEmpty() && Files.exists(target)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(target)) {
        empty = entries.findAny().isEmpty();
      } catch (IOException e) {
        empty = false;
      }
      if (!empty) {
        throw new ParameterException(
            spec.commandLine(),
            target
                + " already exists: choose another NAME (this command never replaces a"
                + " reference; remove it yourself if you mean to)");
      }
    }
    Files.createDirectories(target);
    Profile profile = Profile.current();
    List<String> failed = new ArrayList<>();
    for (Step step : steps) {
      Path file = target.resolve(step.file());
      List<String> args = new ArrayList<>(step.args().apply(profile));
      args.add("--out=" + file);
      out.println("== " + step.file() + ": " + step.what());
      out.println("$ uds-vs-tcp " + String.join(" ", args));
      out.flush();
      int status = Main.execute(out, err, args.toArray(String[]::new));
      if (status != 0 || !Files.isRegularFile(file)) {
        failed.add(step.file() + " (exit " + status + ")");
        continue;
      }
      List<String> header = new ArrayList<>();
      header.add(
          "note: "
              + step.what()
              + ", part of reference run "
              + name
              + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
      header.add(
          "command: make reference NAME="
              + name
              + notes.stream()
                  .map(n -> " NOTE='" + n.replace("'", "'\\''") + "'")
                  .findFirst()
                  .orElse("")
              + (only.isEmpty() ? "" : " STEPS=" + String.join(",", only))
              + " (that is: uds-vs-tcp "
              + String.join(" ", step.args().apply(profile))
              + ")");
      addNotes(file, header);
    }
    out.println();
    out.println("reference run " + name + ": " + target);
    if (!failed.isEmpty()) {
      err.println("error: these steps failed: " + String.join(", ", failed));
      return 1;
    }
    out.println(
        "Commit it (git add "
            + target
            + "); notebooks 00, 03, 08 and 09 and the report set later runs"
            + " beside it.");
    return 0;
  }

  /**
   * Returns the steps {@code --steps} names, in the order given, after checking that each is a step
   * and that none of their files exists in {@code target} (nothing runs otherwise).
   */
  private List<Step> named(Path target) {
    List<Step> steps = new ArrayList<>();
    List<String> there = new ArrayList<>();
    for (String file : only) {
      Step step =
          STEPS.stream()
              .filter(s -> s.file().equals(file))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(),
                          "--steps: no step writes '"
                              + file
                              + "'; the steps are "
                              + String.join(", ", STEPS.stream().map(Step::file).toList())));
      if (!steps.contains(step)) {
        steps.add(step);
      }
      if (Files.exists(target.resolve(file))) {
        there.add(target.resolve(file).toString());
      }
    }
    if (!there.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          String.join(", ", there)
              + (there.size() == 1 ? " already exists" : " already exist")
              + ": this command never replaces a reference file; remove it yourself if you mean"
              + " to, or choose another NAME");
    }
    return steps;
  }

  /** Puts {@code # } lines right after a results file's first line (the file is this run's). */
  static void addNotes(Path file, List<String> notes) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    List<String> comments = notes.stream().map(n -> "# " + n).toList();
    lines.addAll(Math.min(1, lines.size()), comments);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
