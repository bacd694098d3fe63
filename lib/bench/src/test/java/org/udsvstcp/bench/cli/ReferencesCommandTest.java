package org.udsvstcp.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencesCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void listsTheCommittedReferenceRunsWithTheirMachinesAndCommands() {
    // lib/bench is the working directory of its tests
    assertEquals(0, run("references", "../../notebooks/reference"), err.toString());
    String text = out.toString();
    assertTrue(text.contains("/03-message-sizes.csv: "), text);
    assertTrue(text.contains("/04-round-trips.csv: "), text);
    assertTrue(text.contains("  command: "), text);
    assertTrue(text.matches("(?s).*\\n\\d+ reference run\\(s\\) in .*"), text);
  }

  @Test
  void aFileOutsideTheLayoutIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("03-message-sizes.csv"), "# uds-vs-tcp results\n");
    assertEquals(2, run("references", dir.toString()));
    assertTrue(
        err.toString().contains("03-message-sizes.csv: a reference file belongs in"),
        err.toString());
  }
}
