package org.udsvstcp.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.udsvstcp.bench.experiment.Rows;
import org.udsvstcp.bench.reference.ReferenceRun;
import org.udsvstcp.bench.reference.ReferenceRuns;
import org.udsvstcp.bench.stats.Findings;
import org.udsvstcp.charts.AnswerChart;
import org.udsvstcp.charts.Figures;
import org.udsvstcp.charts.MimeBundle;
import org.udsvstcp.charts.Plotly;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The series' answer on one screen: the UDS/TCP throughput ratio by message size with 95% CIs, one
 * line per run (this run's, and each committed reference run's), and three sentences computed from
 * the rows: where UDS wins, where it does not, and a 64 B round trip. Notebook 00 shows it from the
 * reference runs alone ({@link #fromReferences}); the report's landing page from this run ({@link
 * #ofRun}, through {@link #main}).
 */
public final class Answer {

  /** The series name of a run's own line in the figure. */
  public static final String THIS_RUN = "this run";

  private final Table ratios;
  private final List<String> sources;
  private final List<String> sentences;

  private Answer(Table ratios, List<String> sources, List<String> sentences) {
    this.ratios = ratios;
    this.sources = List.copyOf(sources);
    this.sentences = List.copyOf(sentences);
  }

  /**
   * Returns the answer of the committed reference runs under {@code references} (notebook 00 reads
   * {@code reference}): every run's throughput ratios as lines of the figure, the sentences from
   * the newest run of each of notebook 03's sweep and notebook 04's round trips; no benchmark runs.
   */
  public static Answer fromReferences(Path references) {
    List<String> sources = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    Optional<ReferenceRun> stream = ReferenceRuns.latest(references, ReferenceRuns.STREAM);
    Optional<ReferenceRun> roundTrips = ReferenceRuns.latest(references, ReferenceRuns.ROUND_TRIPS);
    if (stream.isPresent()) {
      ReferenceRun run = stream.get();
      sources.addAll(run.describe(ReferenceRuns.STREAM));
      Table ratios = Findings.throughputRatios(read(run.file(ReferenceRuns.STREAM)));
      sentences.add(throughput("notebook 03's sweep on " + run.name(), ratios, ""));
    } else {
      sentences.add("No reference run of notebook 03's sweep under " + references + ".");
    }
    if (roundTrips.isPresent()) {
      ReferenceRun run = roundTrips.get();
      sources.addAll(run.describe(ReferenceRuns.ROUND_TRIPS));
      sentences.add(
          "Round trips (notebook 04 on "
              + run.name()
              + "): "
              + Findings.roundTrip(read(run.file(ReferenceRuns.ROUND_TRIPS))));
    } else {
      sentences.add("No reference run of notebook 04's round trips under " + references + ".");
    }
    return new Answer(referenceRatios(references, null), sources, sentences);
  }

  /**
   * Returns the answer of a run: {@code stream} (notebook 03's sweep, results CSV) as the figure's
   * first line beside every reference run's, and {@code roundTrips} (notebook 04's 64 B ping-pong,
   * one placement); either may be null when the run did not include that notebook, and then the
   * answer says so instead of showing it (no figure without a sweep).
   */
  public static Answer ofRun(Path stream, Path roundTrips, Path references) {
    List<String> sources = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    Table ratios = null;
    if (stream != null) {
      sources.add(THIS_RUN + ", throughput: " + stream + ", " + origin(stream));
      Table own = Findings.throughputRatios(read(stream));
      sentences.add(throughput("notebook 03's sweep, " + THIS_RUN, own, smokeNote(stream)));
      ratios = referenceRatios(references, labelled(own, THIS_RUN));
    } else {
      sentences.add(
          "Notebook 03's sweep is not in this run, so there is no throughput figure from it.");
    }
    if (roundTrips != null) {
      sources.add(THIS_RUN + ", round trips: " + roundTrips + ", " + origin(roundTrips));
      sentences.add(
          "Round trips (notebook 04, "
              + THIS_RUN
              + "): "
              + Findings.roundTrip(read(roundTrips))
              + smokeNote(roundTrips));
    } else {
      sentences.add("Notebook 04's round trips are not in this run.");
    }
    return new Answer(ratios, sources, sentences);
  }

  /** Returns true if there is a figure: some run has a stream sweep. */
  public boolean hasFigure() {
    return ratios != null && ratios.rowCount() > 0;
  }

  /**
   * Returns the ratios the figure draws: run, size, pairs, ratio, ci_low, ci_high; empty when there
   * is no sweep.
   */
  public Table ratios() {
    return ratios == null ? Table.create("no sweep") : ratios;
  }

  /** Returns the figure as a display bundle (its data as the fallback table). */
  public MimeBundle bundle() {
    if (!hasFigure()) {
      return MimeBundle.of(sentences.get(0));
    }
    return Figures.bundle(AnswerChart.ratioBySize(ratios), ratios);
  }

  /** Returns the figure, for a notebook cell to end with (or its reason where there is none). */
  public Object figure() {
    return bundle().displayable();
  }

  /** Returns where the numbers come from: each file, its machine, run, note and command. */
  public String sources() {
    return sources.isEmpty()
        ? "no run to take numbers from"
        : "The numbers come from:\n" + String.join("\n", sources);
  }

  /** Returns the sentences, one paragraph each. */
  public String sentences() {
    return String.join("\n", sentences);
  }

  /** Returns the sentences as a list. */
  public List<String> sentenceList() {
    return sentences;
  }

  /**
   * Returns the answer as an HTML fragment for the report's landing page: the pinned Plotly, the
   * figure (or why there is none), the sentences and where the numbers came from. It loads nothing
   * from the network.
   */
  public String html() {
    StringBuilder html = new StringBuilder();
    if (hasFigure()) {
      html.append("<script type=\"text/javascript\">\n")
          .append(Plotly.script())
          .append("</script>\n");
      html.append(bundle().get(MimeBundle.TEXT_HTML).orElseThrow()).append('\n');
    }
    html.append("<ul class=\"answer\">\n");
    for (String sentence : sentences) {
      html.append("<li>").append(escape(sentence)).append("</li>\n");
    }
    html.append("</ul>\n<details class=\"sources\"><summary>Where the numbers come from</summary>")
        .append("<pre>")
        .append(escape(sources()))
        .append("</pre></details>\n");
    return html.toString();
  }

  /**
   * Writes the answer for the report or a reader: {@code [--run] [--stream CSV] [--round-trips CSV]
   * --references DIR [--text] [--out FILE]}. A run's answer with {@code --run} or either CSV (a
   * part the run lacks is said to be missing); otherwise the reference runs' (notebook 00's). HTML
   * fragment by default, {@code --text} for sources and sentences as text; to standard output
   * unless {@code --out}. Exits 2 on a usage error, 1 when a file cannot be read.
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path stream = null;
    Path roundTrips = null;
    Path references = null;
    Path file = null;
    boolean text = false;
    boolean ofRun = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--stream" -> stream = Path.of(value(args, ++i, "--stream"));
          case "--round-trips" -> roundTrips = Path.of(value(args, ++i, "--round-trips"));
          case "--references" -> references = Path.of(value(args, ++i, "--references"));
          case "--out" -> file = Path.of(value(args, ++i, "--out"));
          case "--text" -> text = true;
          case "--run" -> ofRun = true;
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (references == null) {
        throw new IllegalArgumentException("--references DIR is required");
      }
    } catch (IllegalArgumentException e) {
      err.println("answer: " + e.getMessage());
      err.println(
          "usage: Answer [--run] [--stream CSV] [--round-trips CSV] --references DIR [--text]"
              + " [--out FILE]");
      return 2;
    }
    try {
      Answer answer =
          ofRun || stream != null || roundTrips != null
              ? ofRun(stream, roundTrips, references)
              : fromReferences(references);
      String result = text ? answer.sources() + "\n\n" + answer.sentences() + "\n" : answer.html();
      if (file == null) {
        out.print(result);
      } else {
        Files.writeString(file, result, StandardCharsets.UTF_8);
      }
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("answer: " + e.getMessage());
      return 1;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static String throughput(String where, Table ratios, String note) {
    return "Throughput ("
        + where
        + "): "
        + Findings.whereUdsWins(ratios)
        + " "
        + Findings.whereItDoesNot(ratios)
        + note;
  }

  /**
   * Returns the reference runs' ratios as lines after {@code first} (which may be null), one per
   * run with a sweep, named "reference &lt;name&gt;".
   */
  private static Table referenceRatios(Path references, Table first) {
    Table all = first == null ? null : first.copy();
    for (ReferenceRun run : ReferenceRuns.with(references, ReferenceRuns.STREAM)) {
      Table own =
          labelled(
              Findings.throughputRatios(read(run.file(ReferenceRuns.STREAM))),
              "reference " + run.name());
      all = all == null ? own : all.append(own);
    }
    return all;
  }

  private static Table labelled(Table ratios, String run) {
    Table t = ratios.copy();
    t.insertColumn(0, StringColumn.create("run", t.rowCount()).setMissingTo(run));
    return t.setName("UDS / TCP throughput by message size, per run (paired rounds)");
  }

  /** Returns the run and machine lines of a results CSV's header, for the sources. */
  private static String origin(Path csv) {
    List<String> header = comments(csv);
    String run = header.stream().filter(l -> l.startsWith("run ")).findFirst().orElse("run ?");
    String cpu =
        header.stream()
            .filter(l -> l.startsWith("cpu:"))
            .map(l -> l.substring(4).strip())
            .findFirst()
            .orElse("machine not recorded");
    return run + ", on " + cpu;
  }

  /** Returns " (quick profile: ...)" when the CSV's run line says it was a smoke run. */
  private static String smokeNote(Path csv) {
    for (String line : comments(csv)) {
      int open = line.indexOf("(quick profile");
      if (line.startsWith("run ") && open >= 0) {
        return " " + line.substring(open);
      }
    }
    return "";
  }

  private static List<String> comments(Path csv) {
    try {
      return Rows.readComments(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    }
  }

  private static Table read(Path csv) {
    try {
      return Rows.read(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
