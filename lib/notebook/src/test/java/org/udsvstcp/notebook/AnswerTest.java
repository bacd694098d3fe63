package org.udsvstcp.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udsvstcp.bench.reference.ReferenceRuns;
import org.udsvstcp.charts.MimeBundle;
import tech.tablesaw.api.Table;

class AnswerTest {

  /** The committed reference runs; lib/notebook is the working directory of its tests. */
  private static final Path REFERENCES = Path.of("../../notebooks/reference");

  @TempDir Path tmp;

  /** A copy of the newest committed reference of {@code file}, its run line now a quick run's. */
  private Path quickCopy(String file) throws IOException {
    Path source = ReferenceRuns.latest(REFERENCES, file).orElseThrow().file(file);
    String text =
        Files.readString(source)
            .replaceFirst(
                "(?m)^# run (\\S+) \\(teaching profile\\)$",
                "# run $1 (quick profile: smoke test only, not a measurement)");
    return Files.writeString(tmp.resolve(file), text);
  }

  @Test
  void theReferenceAnswerNamesItsMachinesAndSaysWhereUdsWinsAndARoundTrip() {
    Answer answer = Answer.fromReferences(REFERENCES);
    String stream = ReferenceRuns.latest(REFERENCES, ReferenceRuns.STREAM).orElseThrow().name();
    String trips = ReferenceRuns.latest(REFERENCES, ReferenceRuns.ROUND_TRIPS).orElseThrow().name();
    assertTrue(answer.sources().contains(stream + "/03-message-sizes.csv: "), answer.sources());
    assertTrue(answer.sources().contains(trips + "/04-round-trips.csv: "), answer.sources());
    assertTrue(answer.sources().contains("command: "), answer.sources());
    List<String> sentences = answer.sentenceList();
    assertEquals(2, sentences.size());
    assertTrue(
        sentences
            .get(0)
            .startsWith("Throughput (notebook 03's sweep on " + stream + "): UDS moved"),
        sentences.get(0));
    assertTrue(sentences.get(0).contains(". It did"), sentences.get(0));
    assertTrue(
        sentences
            .get(1)
            .startsWith(
                "Round trips (notebook 04 on "
                    + trips
                    + "): A 64 B round trip, both ends pinned to one CPU (same-core), took"),
        sentences.get(1));
    assertFalse(answer.sentences().contains("smoke"), "reference runs are teaching runs");
    MimeBundle figure = answer.bundle();
    String html = figure.get(MimeBundle.TEXT_HTML).orElseThrow();
    assertTrue(html.contains("Plotly.newPlot") && html.contains("reference " + stream), html);
    assertTrue(figure.text().startsWith("ratio by message size"), figure.text());
  }

  @Test
  void aRunIsTheFiguresFirstLineBesideTheReferencesAndLabelsItsSmokeNumbers() throws IOException {
    Answer answer =
        Answer.ofRun(
            quickCopy(ReferenceRuns.STREAM), quickCopy(ReferenceRuns.ROUND_TRIPS), REFERENCES);
    Table ratios = answer.ratios();
    assertEquals(Answer.THIS_RUN, ratios.stringColumn("run").get(0));
    int sizes = ratios.where(ratios.stringColumn("run").isEqualTo(Answer.THIS_RUN)).rowCount();
    int references = ReferenceRuns.with(REFERENCES, ReferenceRuns.STREAM).size();
    assertEquals(sizes * (1 + references), ratios.rowCount(), "one line per run");
    // the copy has the newest reference's rows, so its ratios are that reference's
    String copied =
        "reference " + ReferenceRuns.latest(REFERENCES, ReferenceRuns.STREAM).orElseThrow().name();
    Table same = ratios.where(ratios.stringColumn("run").isEqualTo(copied));
    assertEquals(sizes, same.rowCount(), copied);
    assertEquals(
        ratios.doubleColumn("ratio").getDouble(0), same.doubleColumn("ratio").getDouble(0), 1e-12);
    List<String> sentences = answer.sentenceList();
    assertTrue(
        sentences.get(0).startsWith("Throughput (notebook 03's sweep, this run): UDS moved"));
    assertTrue(sentences.get(0).endsWith("(quick profile: smoke test only, not a measurement)"));
    assertTrue(
        sentences.get(1).startsWith("Round trips (notebook 04, this run): A 64 B round trip"));
    assertTrue(answer.sources().contains("this run, throughput: "), answer.sources());
    String html = answer.html();
    assertTrue(html.contains("window.Plotly"), "the pinned Plotly comes with the figure");
    assertTrue(
        html.contains("<li>Throughput (notebook 03&#x27;s sweep")
            || html.contains("<li>Throughput (notebook 03's sweep"),
        html.substring(html.length() - 2000));
  }

  @Test
  void withoutASweepThereIsNoFigureAndTheAnswerSaysWhy() {
    Answer answer = Answer.ofRun(null, null, REFERENCES);
    assertFalse(answer.hasFigure());
    assertEquals(
        List.of(
            "Notebook 03's sweep is not in this run, so there is no throughput figure from it.",
            "Notebook 04's round trips are not in this run."),
        answer.sentenceList());
    assertFalse(answer.html().contains("<script"), "no figure, no Plotly");
  }

  @Test
  void theCommandLineWritesTextOrHtmlAndNamesBadInput() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Answer.run(
            new String[] {"--references", REFERENCES.toString(), "--text"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Answer answer = Answer.fromReferences(REFERENCES);
    assertEquals(
        answer.sources() + "\n\n" + answer.sentences() + "\n",
        out.toString(StandardCharsets.UTF_8));

    out.reset();
    code =
        Answer.run(
            new String[] {"--run", "--references", REFERENCES.toString(), "--text"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("Notebook 03's sweep is not in this run"),
        "--run: a run without notebook 03 and 04 is not the references' answer");

    Path missing = tmp.resolve("nothing.csv");
    err.reset();
    code =
        Answer.run(
            new String[] {"--stream", missing.toString(), "--references", REFERENCES.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("nothing.csv"),
        err.toString(StandardCharsets.UTF_8));

    err.reset();
    code =
        Answer.run(
            new String[] {"--stream"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--stream needs a value"));
  }
}
