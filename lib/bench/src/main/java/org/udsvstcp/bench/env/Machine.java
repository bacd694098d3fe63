package org.udsvstcp.bench.env;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The facts about a machine that set the price of a system call, read from {@code /proc} and {@code
 * /sys}: the CPU's identity and microcode, the hypervisor, the kernel's list of CPU vulnerabilities
 * and their mitigations, the mitigation options it was booted with, its clocksource, its timer
 * frequency and TCP's congestion control. Two machines that differ here can give the same program
 * different UDS/TCP ratios.
 *
 * @param vendor the CPU vendor ({@code vendor_id}, e.g. AuthenticAMD)
 * @param family the CPU family, in decimal as /proc/cpuinfo gives it
 * @param model the CPU model number
 * @param stepping the CPU stepping
 * @param microcode the microcode revision
 * @param hypervisor the hypervisor's vendor, {@code none}, or what is known of it
 * @param vulnerabilities every file of /sys/devices/system/cpu/vulnerabilities, by name, to its
 *     line
 * @param mitigationOptions the options on the kernel command line that choose mitigations
 * @param clocksource the current clocksource, with the available ones
 * @param timerHz the kernel's timer frequency (HZ) and where it was read or how it was measured
 * @param tcpCongestionControl TCP's default congestion control, with the default queueing
 *     discipline
 */
public record Machine(
    String vendor,
    String family,
    String model,
    String stepping,
    String microcode,
    String hypervisor,
    Map<String, String> vulnerabilities,
    List<String> mitigationOptions,
    String clocksource,
    String timerHz,
    String tcpCongestionControl) {

  /**
   * Option names on the kernel command line that choose CPU mitigations (from the kernel's
   * admin-guide, kernel-parameters.txt); an option counts if its name, before any {@code =}, is one
   * of these.
   */
  public static final List<String> MITIGATION_OPTIONS =
      List.of(
          "mitigations",
          "spectre_v2",
          "spectre_v2_user",
          "spectre_v1",
          "nospectre_v1",
          "nospectre_v2",
          "spectre_bhi",
          "spec_store_bypass_disable",
          "nospec_store_bypass_disable",
          "ssbd",
          "spec_rstack_overflow",
          "retbleed",
          "pti",
          "nopti",
          "kpti",
          "mds",
          "tsx_async_abort",
          "mmio_stale_data",
          "l1tf",
          "l1d_flush",
          "srbds",
          "gather_data_sampling",
          "reg_file_data_sampling",
          "indirect_target_selection",
          "tsa",
          "vmscape",
          "nosmt",
          "ibrs",
          "noibrs",
          "noibpb");

  /** The usual timer frequencies of a Linux kernel (CONFIG_HZ_100 ... CONFIG_HZ_1000). */
  static final int[] USUAL_HZ = {100, 250, 300, 1000};

  private static final Pattern CONFIG_HZ = Pattern.compile("(?m)^CONFIG_HZ=(\\d+)\\s*$");
  private static final Pattern JIFFIES = Pattern.compile("(?m)^jiffies: (\\d+)\\s*$");

  /** Copies the collections so the record stays unmodifiable. */
  public Machine {
    vulnerabilities = Collections.unmodifiableMap(new LinkedHashMap<>(vulnerabilities));
    mitigationOptions = List.copyOf(mitigationOptions);
  }

  /** Reads this machine (lscpu names the hypervisor; the timer frequency may take 0.2 s). */
  public static Machine capture() {
    return read(Path.of("/"), lscpu(), System.getProperty("os.version"), true);
  }

  /**
   * Reads a machine from a file tree laid out like the root directory ({@code proc/cpuinfo}, {@code
   * proc/cmdline}, {@code sys/devices/system/cpu/vulnerabilities/*}, {@code
   * sys/devices/system/clocksource/clocksource0/*}, {@code proc/config.gz} or {@code
   * boot/config-RELEASE}, {@code proc/sys/net/...}), so a test can read a recorded one.
   *
   * @param root the tree's root
   * @param lscpu what {@code lscpu} printed there, or an empty string
   * @param release the kernel release, for {@code boot/config-RELEASE}
   * @param measure whether to measure HZ from {@code proc/timer_list} if no kernel config says it
   */
  public static Machine read(Path root, String lscpu, String release, boolean measure) {
    Map<String, String> cpu = firstProcessor(text(root.resolve("proc/cpuinfo")).orElse(""));
    String qdisc = firstLine(root.resolve("proc/sys/net/core/default_qdisc")).orElse("unknown");
    String congestion =
        firstLine(root.resolve("proc/sys/net/ipv4/tcp_congestion_control"))
            .map(cc -> cc + " (default qdisc " + qdisc + ")")
            .orElse("unknown");
    Path clocks = root.resolve("sys/devices/system/clocksource/clocksource0");
    String clocksource =
        firstLine(clocks.resolve("current_clocksource"))
            .map(
                current ->
                    current
                        + firstLine(clocks.resolve("available_clocksource"))
                            .map(all -> " (available: " + all + ")")
                            .orElse(""))
            .orElse("unknown");
    return new Machine(
        cpu.getOrDefault("vendor_id", "unknown"),
        cpu.getOrDefault("cpu family", "unknown"),
        cpu.getOrDefault("model", "unknown"),
        cpu.getOrDefault("stepping", "unknown"),
        cpu.getOrDefault("microcode", "unknown"),
        hypervisor(cpu.getOrDefault("flags", ""), lscpu),
        vulnerabilities(root.resolve("sys/devices/system/cpu/vulnerabilities")),
        mitigationOptions(firstLine(root.resolve("proc/cmdline")).orElse("")),
        clocksource,
        timerHz(root, release, measure),
        congestion);
  }

  /** Returns the CPU as one phrase: vendor, family, model, stepping and microcode. */
  public String cpuId() {
    return vendor
        + " family "
        + family
        + " model "
        + model
        + " stepping "
        + stepping
        + ", microcode "
        + microcode;
  }

  /**
   * Returns the vulnerabilities the kernel mitigates, name to the mitigation (the text after
   * "Mitigation: ", up to its first ';').
   */
  public Map<String, String> activeMitigations() {
    Map<String, String> active = new LinkedHashMap<>();
    vulnerabilities.forEach(
        (name, line) -> {
          if (line.startsWith("Mitigation: ")) {
            String what = line.substring("Mitigation: ".length());
            int semicolon = what.indexOf(';');
            active.put(name, (semicolon < 0 ? what : what.substring(0, semicolon)).strip());
          }
        });
    return active;
  }

  /** Returns the vulnerabilities the kernel reports as vulnerable, name to its line. */
  public Map<String, String> vulnerable() {
    Map<String, String> open = new LinkedHashMap<>();
    vulnerabilities.forEach(
        (name, line) -> {
          if (line.startsWith("Vulnerable")) {
            open.put(name, line);
          }
        });
    return open;
  }

  /**
   * Returns the one-line summary of the mitigations: the active ones with what they do, the
   * vulnerable ones, and how many are not affected.
   */
  public String mitigationSummary() {
    if (vulnerabilities.isEmpty()) {
      return "unknown (no /sys/devices/system/cpu/vulnerabilities)";
    }
    String active =
        activeMitigations().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    String open = String.join(", ", vulnerable().keySet());
    long notAffected = vulnerabilities.values().stream().filter("Not affected"::equals).count();
    return (active.isEmpty() ? "none active" : active)
        + "; vulnerable: "
        + (open.isEmpty() ? "none" : open)
        + "; not affected: "
        + notAffected;
  }

  /**
   * Returns the lines for the environment header, label to value; {@code everyVulnerability} adds
   * one line per file of /sys/devices/system/cpu/vulnerabilities, as the CSV header has them.
   */
  public Map<String, String> asMap(boolean everyVulnerability) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("cpu id", cpuId());
    map.put("hypervisor", hypervisor);
    map.put("mitigations", mitigationSummary());
    map.put(
        "boot options",
        mitigationOptions.isEmpty()
            ? "no mitigation options on /proc/cmdline"
            : String.join(" ", mitigationOptions) + " (mitigation options on /proc/cmdline)");
    map.put("clocksource", clocksource);
    map.put("timer", timerHz);
    map.put("tcp congestion", tcpCongestionControl);
    if (everyVulnerability) {
      vulnerabilities.forEach((name, line) -> map.put("vulnerability " + name, line));
    }
    return map;
  }

  static Map<String, String> firstProcessor(String cpuinfo) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : cpuinfo.split("\n")) {
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          break;
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  static String hypervisor(String flags, String lscpu) {
    Matcher vendor = Pattern.compile("(?m)^Hypervisor vendor:\\s*(\\S.*)$").matcher(lscpu);
    boolean flagged = List.of(flags.split("\\s+")).contains("hypervisor");
    if (vendor.find()) {
      return vendor.group(1).strip()
          + " (lscpu; cpuinfo flag hypervisor "
          + (flagged ? "set)" : "unset)");
    }
    return flagged
        ? "yes, vendor unknown (cpuinfo flag hypervisor; no lscpu)"
        : "none (no cpuinfo flag hypervisor)";
  }

  static Map<String, String> vulnerabilities(Path directory) {
    Map<String, String> lines = new TreeMap<>();
    if (!Files.isDirectory(directory)) {
      return lines;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        firstLine(file).ifPresent(line -> lines.put(file.getFileName().toString(), line));
      }
    } catch (IOException e) {
      // Unreadable: the header says unknown.
    }
    return lines;
  }

  static List<String> mitigationOptions(String cmdline) {
    List<String> options = new ArrayList<>();
    for (String option : cmdline.strip().split("\\s+")) {
      if (option.equals("--")) {
        break; // what follows is for init, not the kernel
      }
      int equals = option.indexOf('=');
      String name = equals < 0 ? option : option.substring(0, equals);
      if (MITIGATION_OPTIONS.contains(name)) {
        options.add(option);
      }
    }
    return options;
  }

  /**
   * Returns HZ from the kernel's own configuration ({@code /proc/config.gz}, then {@code
   * /boot/config-RELEASE}), or, if neither exists and {@code measure}, from the jiffies counter in
   * {@code /proc/timer_list} (root only) over 0.2 s, rounded to the nearest usual value.
   */
  static String timerHz(Path root, String release, boolean measure) {
    Path gz = root.resolve("proc/config.gz");
    Optional<String> config = gunzip(gz);
    if (config.isPresent()) {
      Optional<String> hz = configHz(config.get());
      if (hz.isPresent()) {
        return hz.get() + " Hz (CONFIG_HZ in /proc/config.gz)";
      }
    }
    Path boot = root.resolve("boot/config-" + release);
    Optional<String> hz = text(boot).flatMap(Machine::configHz);
    if (hz.isPresent()) {
      return hz.get() + " Hz (CONFIG_HZ in /boot/config-" + release + ")";
    }
    Path timerList = root.resolve("proc/timer_list");
    if (measure && Files.isReadable(timerList)) {
      try {
        long t0 = System.nanoTime();
        Optional<Long> j0 = jiffies(Files.readString(timerList));
        TimeUnit.MILLISECONDS.sleep(200);
        Optional<Long> j1 = jiffies(Files.readString(timerList));
        long t1 = System.nanoTime();
        if (j0.isPresent() && j1.isPresent()) {
          double rate = (j1.get() - j0.get()) / ((t1 - t0) * 1e-9);
          return nearestHz(rate)
              + " Hz (measured: jiffies in /proc/timer_list advanced at "
              + Math.round(rate)
              + "/s; no kernel config)";
        }
      } catch (IOException e) {
        // Fall through to unknown.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "unknown (no /proc/config.gz or /boot/config-"
        + release
        + ", and /proc/timer_list is readable by root only)";
  }

  static Optional<String> configHz(String config) {
    Matcher m = CONFIG_HZ.matcher(config);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<Long> jiffies(String timerList) {
    Matcher m = JIFFIES.matcher(timerList);
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  /** Returns the usual HZ value nearest to a measured rate of jiffies per second. */
  static int nearestHz(double rate) {
    int best = USUAL_HZ[0];
    for (int hz : USUAL_HZ) {
      if (Math.abs(Math.log(rate / hz)) < Math.abs(Math.log(rate / best))) {
        best = hz;
      }
    }
    return best;
  }

  private static String lscpu() {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
      Path candidate = Path.of(dir, "lscpu");
      if (Files.isExecutable(candidate)) {
        try {
          Process p =
              new ProcessBuilder(candidate.toString())
                  .redirectErrorStream(true)
                  .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                  .start();
          String out;
          try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return "";
          }
          return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
          return "";
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return "";
        }
      }
    }
    return "";
  }

  private static Optional<String> gunzip(Path gz) {
    try {
      byte[] bytes = Files.readAllBytes(gz);
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(Path path) {
    try {
      return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> firstLine(Path path) {
    return text(path)
        .map(t -> t.lines().findFirst().orElse("").strip())
        .filter(line -> !line.isEmpty());
  }
}
