package org.udsvstcp.bench.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {

  @TempDir Path temp;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(MachineTest.class.getResource(name).toURI());
  }

  private static Machine amd() throws Exception {
    Path root = fixture("amd-epyc-kvm");
    return Machine.read(
        root, Files.readString(root.resolve("lscpu.txt")), "6.18.44-fc-v1147", false);
  }

  @Test
  void readsTheCpusIdentityAndTheHypervisorOfTheTeamsAmdVm() throws Exception {
    Machine machine = amd();
    assertEquals("AuthenticAMD family 25 model 1 stepping 1, microcode 0x1000065", machine.cpuId());
    assertEquals("KVM (lscpu; cpuinfo flag hypervisor set)", machine.hypervisor());
    assertEquals("tsc (available: tsc kvm-clock)", machine.clocksource());
    assertEquals("bbr (default qdisc pfifo_fast)", machine.tcpCongestionControl());
  }

  @Test
  void keepsEveryVulnerabilityLineAndSummarisesTheActiveMitigationsInOneLine() throws Exception {
    Machine machine = amd();
    assertEquals(19, machine.vulnerabilities().size(), machine.vulnerabilities().toString());
    assertEquals("Mitigation: Safe RET", machine.vulnerabilities().get("spec_rstack_overflow"));
    assertTrue(
        machine.vulnerabilities().get("spectre_v2").startsWith("Mitigation: Retpolines; IBPB"));
    assertEquals(
        Map.of(
            "spec_rstack_overflow", "Safe RET",
            "spec_store_bypass", "Speculative Store Bypass disabled via prctl",
            "spectre_v1", "usercopy/swapgs barriers and __user pointer sanitization",
            "spectre_v2", "Retpolines"),
        machine.activeMitigations());
    String summary = machine.mitigationSummary();
    assertTrue(summary.startsWith("spec_rstack_overflow Safe RET, "), summary);
    assertTrue(summary.endsWith("; vulnerable: none; not affected: 15"), summary);
    assertFalse(summary.contains("\n"));
  }

  @Test
  void listsTheMitigationOptionsOfTheKernelsCommandLineOnly() throws Exception {
    assertEquals(
        List.of("mitigations=auto,no_guest_host,no_guest_guest"), amd().mitigationOptions());
    Machine bare = Machine.read(fixture("synthetic-bare-metal"), "", "6.1.0", false);
    // After "--" the options belong to init; nopti and spectre_v2= are the kernel's.
    assertEquals(
        List.of("spectre_v2=retpoline", "nopti", "mds=full,nosmt"), bare.mitigationOptions());
  }

  @Test
  void readsTimerFrequencyFromTheKernelConfigAndSaysWhere() throws Exception {
    assertEquals("250 Hz (CONFIG_HZ in /boot/config-6.18.44-fc-v1147)", amd().timerHz());
    Path root = temp.resolve("root");
    Files.createDirectories(root.resolve("proc"));
    try (OutputStream gz =
        new GZIPOutputStream(Files.newOutputStream(root.resolve("proc/config.gz")))) {
      gz.write("# CONFIG_HZ_100 is not set\nCONFIG_HZ_1000=y\nCONFIG_HZ=1000\n".getBytes());
    }
    assertEquals("1000 Hz (CONFIG_HZ in /proc/config.gz)", Machine.timerHz(root, "6.1.0", false));
  }

  @Test
  void saysWhatIsUnknownOnAMachineWithoutConfigClocksourceOrHypervisor() throws Exception {
    Machine bare = Machine.read(fixture("synthetic-bare-metal"), "", "6.1.0", false);
    assertEquals("GenuineIntel family 6 model 85 stepping 4, microcode 0x2007006", bare.cpuId());
    assertEquals("none (no cpuinfo flag hypervisor)", bare.hypervisor());
    assertEquals("unknown", bare.clocksource());
    assertTrue(bare.timerHz().startsWith("unknown (no /proc/config.gz or /boot/config-6.1.0"));
    assertEquals(
        "spectre_v2 Retpolines; vulnerable: mds; not affected: 1", bare.mitigationSummary());
    Map<String, String> lines = bare.asMap(true);
    assertEquals(
        "Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable",
        lines.get("vulnerability mds"));
    assertFalse(bare.asMap(false).containsKey("vulnerability mds"), "compact: one line");
    assertEquals(
        "spectre_v2=retpoline nopti mds=full,nosmt (mitigation options on /proc/cmdline)",
        lines.get("boot options"));
  }

  @Test
  void aHypervisorFlagWithoutLscpuIsReportedWithoutAVendor() {
    assertEquals(
        "yes, vendor unknown (cpuinfo flag hypervisor; no lscpu)",
        Machine.hypervisor("fpu hypervisor lahf_lm", ""));
    assertEquals("none (no cpuinfo flag hypervisor)", Machine.hypervisor("fpu lahf_lm", ""));
  }

  @Test
  void roundsAMeasuredJiffyRateToTheNearestUsualHz() {
    assertEquals(250, Machine.nearestHz(247.6));
    assertEquals(300, Machine.nearestHz(290));
    assertEquals(1000, Machine.nearestHz(1012));
    assertEquals(100, Machine.nearestHz(99));
    assertEquals(
        java.util.Optional.of(4295187253L),
        Machine.jiffies("  .last_jiffies   : 4295152832\njiffies: 4295187253\n"));
  }

  @Test
  void theLiveMachineHasEveryNewHeaderLine() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/proc/sys")), "not Linux");
    String text = Environment.capture().toFullText();
    for (String label :
        List.of(
            "cpu id:",
            "hypervisor:",
            "mitigations:",
            "boot options:",
            "clocksource:",
            "timer:",
            "tcp congestion:")) {
      assertTrue(text.contains("\n" + label), label + " in\n" + text);
    }
    Path vulnerabilities = Path.of("/sys/devices/system/cpu/vulnerabilities");
    if (Files.isDirectory(vulnerabilities)) {
      try (var files = Files.list(vulnerabilities)) {
        for (Path file : files.toList()) {
          String line = Files.readString(file, StandardCharsets.UTF_8).strip();
          assertTrue(
              text.contains("vulnerability " + file.getFileName() + ": " + line + "\n"),
              file.toString());
        }
      }
      assertFalse(Environment.capture().toText().contains("vulnerability "), "compact");
    }
  }
}
