package org.udsvstcp.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerfScriptTest {

  static String fixture(String name) throws Exception {
    try (var in = PerfScriptTest.class.getResourceAsStream(name + ".perf-script")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsSamplesWithTheirKernelChainsLeafFirst() {
    String text =
        """
        # a comment line, as perf script --header writes them
        21855     194003\s
        \tffffffff813ae493 finish_task_switch.isra.0
        \tffffffff822587c4 __schedule

        21858     194003\s

          -1     194003\s
        \tffffffff81000130 entry_SYSCALL_64_after_hwframe
        """;
    List<PerfSample> samples = PerfScript.parse(text);
    assertEquals(3, samples.size());
    assertEquals(
        new PerfSample(21855, 194003, List.of("finish_task_switch.isra.0", "__schedule")),
        samples.get(0));
    assertFalse(samples.get(1).kernel(), "no frames: the thread was in user space");
    assertEquals(-1, samples.get(2).tid());
  }

  @Test
  void dropsFramesAtUserSpaceAddresses() {
    List<PerfSample> samples =
        PerfScript.parse("7 1000\n\t7f3a12345678 Interpreter\n\t55d0c0ffee00 [unknown]\n");
    assertEquals(1, samples.size());
    assertFalse(samples.get(0).kernel());
  }

  @Test
  void namesTheLineThatIsNeitherASampleNorAFrame() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PerfScript.parse("7 1000\njava 7 [000] 12.5: cpu-clock:\n"));
    assertTrue(e.getMessage().startsWith("line 2 of perf script's output"), e.getMessage());
  }

  @Test
  void readsTheRecordedFixturesOfThisMachine() throws Exception {
    for (String name : List.of("tcp-64", "tcp-65536", "uds-64", "uds-65536")) {
      List<PerfSample> samples = PerfScript.parse(fixture(name));
      assertTrue(samples.size() >= 120, name + ": " + samples.size());
      assertTrue(samples.stream().allMatch(s -> s.period() == 194003), name);
      assertTrue(samples.stream().filter(PerfSample::kernel).count() > 60, name);
    }
  }
}
