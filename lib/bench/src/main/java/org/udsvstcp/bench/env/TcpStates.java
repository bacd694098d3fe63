package org.udsvstcp.bench.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's TCP socket tables, /proc/net/tcp and /proc/net/tcp6: how many sockets sit in
 * TIME_WAIT, on which local ports, and the ephemeral port range clients draw from.
 */
public final class TcpStates {

  /** The state code of TIME_WAIT in the tables' "st" column. */
  static final String TIME_WAIT = "06";

  /** The two tables: Java's loopback sockets are often IPv6 sockets speaking IPv4. */
  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private TcpStates() {}

  /** Returns the local port of every TCP socket now in TIME_WAIT, IPv4 and IPv6 alike. */
  public static List<Integer> timeWaitPorts() throws IOException {
    List<Integer> ports = new ArrayList<>();
    for (Path table : TABLES) {
      if (Files.exists(table)) {
        // readAllLines, not readString: /proc files report size 0, which readString trusts on 17.
        ports.addAll(timeWaitPorts(Files.readAllLines(table)));
      }
    }
    return ports;
  }

  /** Returns the number of TCP sockets now in TIME_WAIT. */
  public static int timeWaitCount() throws IOException {
    return timeWaitPorts().size();
  }

  /** Returns how many TCP sockets are now in TIME_WAIT on each local port, by port. */
  public static Map<Integer, Integer> timeWaitByPort() throws IOException {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (int port : timeWaitPorts()) {
      counts.merge(port, 1, Integer::sum);
    }
    return counts;
  }

  /** Returns the local ports of the TIME_WAIT rows of one table's lines (header first). */
  static List<Integer> timeWaitPorts(List<String> lines) {
    List<Integer> ports = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.strip().split("\\s+");
      // sl local_address rem_address st ...; local_address is HEXADDR:HEXPORT.
      if (fields.length > 3 && fields[3].equals(TIME_WAIT)) {
        String local = fields[1];
        ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
      }
    }
    return ports;
  }

  /** Returns the ephemeral port range, net.ipv4.ip_local_port_range, as {low, high}. */
  public static int[] ephemeralPortRange() throws IOException {
    return parseRange(Files.readAllLines(PORT_RANGE).get(0));
  }

  /** Returns how many ports the ephemeral range holds. */
  public static int ephemeralPortCount() throws IOException {
    int[] range = ephemeralPortRange();
    return range[1] - range[0] + 1;
  }

  static int[] parseRange(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length != 2) {
      throw new IllegalArgumentException("not a port range: " + line);
    }
    return new int[] {Integer.parseInt(fields[0]), Integer.parseInt(fields[1])};
  }
}
