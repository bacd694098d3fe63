package org.udsvstcp.bench.env;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.udsvstcp.bench.transport.SocketDirectory;

/**
 * The machine and software a run measured, printed before any result and stored with it: CPU,
 * kernel, the machine's mitigations and timers ({@link Machine}), OS, JVM, library versions,
 * default socket buffer sizes and pinning support.
 *
 * @param cpuModel the CPU model name from /proc/cpuinfo
 * @param cpuCount the number of CPUs the JVM sees
 * @param allowedCpus the CPUs this process may run on, as the kernel lists them
 * @param kernel the kernel release
 * @param machine the CPU's identity, hypervisor, mitigations, clocksource, HZ and TCP congestion
 *     control
 * @param os the operating system name and architecture
 * @param jvm the JVM vendor, name and version
 * @param libraries library name to version
 * @param socketBuffers socket buffer setting to value (SO_SNDBUF/SO_RCVBUF of a connected pair,
 *     sysctls)
 * @param pinning how threads and processes can be pinned here
 */
public record Environment(
    String cpuModel,
    int cpuCount,
    String allowedCpus,
    String kernel,
    Machine machine,
    String os,
    String jvm,
    Map<String, String> libraries,
    Map<String, String> socketBuffers,
    String pinning) {

  /** Copies the maps so the record stays unmodifiable. */
  public Environment {
    libraries = Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
    socketBuffers = Collections.unmodifiableMap(new LinkedHashMap<>(socketBuffers));
  }

  private static volatile Machine machineOnce;

  /** Reads the environment of this JVM and machine. */
  public static Environment capture() {
    Machine facts = machineOnce;
    if (facts == null) {
      // Fixed while the system runs; read once per JVM (lscpu, and HZ may be measured).
      facts = Machine.capture();
      machineOnce = facts;
    }
    return new Environment(
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        allowedCpuList(),
        firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
        facts,
        osName(),
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version", System.getProperty("java.version")),
        readLibraries(),
        readSocketBuffers(),
        Affinity.support());
  }

  /**
   * Returns the environment as labelled lines of text, one fact per line, the mitigations in one
   * line (as the notebooks print it).
   */
  public String toText() {
    return text(asMap());
  }

  /**
   * Returns the environment as {@link #toText()} does, with one more line per file of
   * /sys/devices/system/cpu/vulnerabilities (as results files and the {@code env} command keep it).
   */
  public String toFullText() {
    return text(asMap(true));
  }

  private static String text(Map<String, String> map) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      text.append(String.format("%-15s %s%n", entry.getKey() + ":", entry.getValue()));
    }
    return text.toString();
  }

  /** Returns the environment as ordered label-value pairs, the mitigations in one. */
  public Map<String, String> asMap() {
    return asMap(false);
  }

  /**
   * Returns the environment as ordered label-value pairs; {@code everyVulnerability} adds one pair
   * per file of /sys/devices/system/cpu/vulnerabilities.
   */
  public Map<String, String> asMap(boolean everyVulnerability) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("cpu", cpuModel + " x " + cpuCount + " (allowed: " + allowedCpus + ")");
    map.put("kernel", kernel);
    map.put("os", os);
    map.put("jvm", jvm);
    map.put("libraries", join(libraries));
    map.put("socket buffers", join(socketBuffers));
    map.put("pinning", pinning);
    // After the lines older files have, so readers of the first lines find them where they were.
    map.putAll(machine.asMap(everyVulnerability));
    return map;
  }

  private static String join(Map<String, String> map) {
    return map.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // Not Linux: fall back to the architecture.
    }
    return System.getProperty("os.arch");
  }

  private static String allowedCpuList() {
    List<Integer> cpus = Affinity.allowedCpus();
    return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static String osName() {
    String pretty = null;
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // No os-release: the JVM's name is enough.
    }
    String jvmView = System.getProperty("os.name") + " " + System.getProperty("os.arch");
    return pretty == null ? jvmView : pretty + " (" + jvmView + ")";
  }

  private static Map<String, String> readLibraries() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put(
        "junixsocket",
        mavenVersion(
            "com.kohlschutter.junixsocket",
            "junixsocket-common",
            "org.newsclub.net.unix.AFUNIXSocket"));
    versions.put(
        "tablesaw", mavenVersion("tech.tablesaw", "tablesaw-core", "tech.tablesaw.api.Table"));
    versions.put(
        "HdrHistogram",
        mavenVersion("org.hdrhistogram", "HdrHistogram", "org.HdrHistogram.Histogram"));
    // picocli ships no pom.properties and the shaded jar drops its manifest: ask the library.
    versions.put("picocli", picocli.CommandLine.VERSION);
    return versions;
  }

  private static String mavenVersion(String group, String artifact, String className) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try {
      Class<?> type = Class.forName(className, false, Environment.class.getClassLoader());
      try (InputStream in = type.getResourceAsStream(resource)) {
        if (in != null) {
          Properties properties = new Properties();
          properties.load(in);
          String version = properties.getProperty("version");
          if (version != null) {
            return version;
          }
        }
      }
      String manifest =
          type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
      return manifest == null ? "unknown" : manifest;
    } catch (ClassNotFoundException | IOException | LinkageError e) {
      return "missing";
    }
  }

  /**
   * Returns the send/receive buffer sizes both ends of a connected pair get, as "client S/R, server
   * S/R": an unconnected TCP socket reports a placeholder that the kernel replaces from
   * tcp_wmem/tcp_rmem on connect, so only a connected pair tells what a benchmark's sockets get.
   */
  static String connectedBuffers(SocketAddress address, ProtocolFamily family) throws IOException {
    try (ServerSocketChannel listener = ServerSocketChannel.open(family)) {
      listener.bind(address, 1);
      try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
          SocketChannel server = listener.accept()) {
        return "client " + buffers(client) + ", server " + buffers(server);
      }
    }
  }

  private static String buffers(SocketChannel channel) throws IOException {
    return channel.getOption(StandardSocketOptions.SO_SNDBUF)
        + "/"
        + channel.getOption(StandardSocketOptions.SO_RCVBUF);
  }

  private static String tcpBuffers() {
    try {
      return connectedBuffers(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), StandardProtocolFamily.INET);
    } catch (IOException | UnsupportedOperationException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String udsBuffers() {
    try (SocketDirectory directory = SocketDirectory.create()) {
      return connectedBuffers(
          UnixDomainSocketAddress.of(directory.socketPath()), StandardProtocolFamily.UNIX);
    } catch (IOException | UnsupportedOperationException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static Map<String, String> readSocketBuffers() {
    Map<String, String> buffers = new LinkedHashMap<>();
    // What a connected loopback pair gets, not an unconnected socket's placeholder.
    buffers.put("tcp SO_SNDBUF/SO_RCVBUF", tcpBuffers());
    buffers.put("uds SO_SNDBUF/SO_RCVBUF", udsBuffers());
    for (String sysctl :
        List.of(
            "net/core/wmem_default",
            "net/core/rmem_default",
            "net/core/wmem_max",
            "net/core/rmem_max",
            "net/ipv4/tcp_wmem",
            "net/ipv4/tcp_rmem")) {
      String value = firstLine(Path.of("/proc/sys", sysctl), null);
      if (value != null) {
        buffers.put(sysctl.replace('/', '.'), value.replaceAll("\\s+", " "));
      }
    }
    return buffers;
  }

  private static String firstLine(Path path, String fallback) {
    try {
      List<String> lines = Files.readAllLines(path);
      return lines.isEmpty() ? fallback : lines.get(0).strip();
    } catch (IOException e) {
      return fallback;
    }
  }
}
