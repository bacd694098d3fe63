package org.udsvstcp.bench.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.udsvstcp.bench.env.Affinity;
import org.udsvstcp.bench.transport.Endpoint;
import org.udsvstcp.bench.transport.SocketDirectory;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.transport.TransportOptions;

/**
 * A PostgreSQL or Redis server of this library's own: in a fresh private directory (mode 0700),
 * listening on 127.0.0.1 at a free port and on a Unix socket in that directory, durability and
 * persistence off (the transport is what is measured), pinned to a CPU if asked. It runs under a
 * {@link Watchdog}, so closing it, or this JVM dying in any way, stops it and removes its
 * directory. PostgreSQL refuses to run as root: when this JVM is root, initdb and postgres run as
 * {@code nobody} through {@code setpriv}, in a directory handed to that user.
 */
public final class ManagedServer implements AutoCloseable {
  /** The database the clients use (initdb's own). */
  public static final String DATABASE = "postgres";

  /** The PostgreSQL role the clients log in as (trust authentication, loopback only). */
  public static final String USER = "bench";

  /** Rows of pgbench_accounts (scale 1), the table of the point select and of pgbench -S. */
  public static final int ACCOUNTS = 100_000;

  /** Rows of bench_counter, the small table the batch workload updates. */
  public static final int COUNTERS = 1_000;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final java.util.Set<ManagedServer> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final String UNPRIVILEGED = "nobody";

  private final ServerKind kind;
  private final SocketDirectory directory;
  private final Watchdog watchdog;
  private final int port;
  private final Path socketPath;
  private final Affinity.Pinning pinning;
  private String version = "unknown";

  private ManagedServer(
      ServerKind kind,
      SocketDirectory directory,
      Watchdog watchdog,
      int port,
      Path socketPath,
      Affinity.Pinning pinning) {
    this.kind = kind;
    this.directory = directory;
    this.watchdog = watchdog;
    this.port = port;
    this.socketPath = socketPath;
    this.pinning = pinning;
  }

  /**
   * Starts a server of {@code kind}, pinned to {@code cpu} if given, and waits until it answers a
   * real request (PING, {@code SELECT 1}) over both its Unix socket and TCP.
   *
   * @throws ServerUnavailableException if it is not installed (saying what to install) or does not
   *     start (with the end of its log)
   */
  public static ManagedServer start(ServerKind kind, OptionalInt cpu) {
    Optional<String> missing = Executables.missing(kind);
    if (missing.isPresent()) {
      throw new ServerUnavailableException(missing.get());
    }
    ServerUnavailableException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return startOnce(kind, cpu);
      } catch (PortTakenException e) {
        last = e; // another program took the free port between our check and the server's bind
      }
    }
    throw last;
  }

  private static ManagedServer startOnce(ServerKind kind, OptionalInt cpu) {
    SocketDirectory directory = null;
    Watchdog watchdog = null;
    ManagedServer server = null;
    try {
      directory = SocketDirectory.create();
      Path dir = directory.directory();
      int port = freePort();
      Path socket;
      if (kind == ServerKind.REDIS) {
        socket = dir.resolve("redis.sock");
        watchdog = Watchdog.start(dir, "TERM", List.of("redis.sock"), redis(dir, port), cpu);
      } else {
        socket = dir.resolve(".s.PGSQL." + port);
        watchdog =
            Watchdog.start(
                dir,
                "INT", // fast shutdown: disconnects clients, then stops
                List.of("data", ".s.PGSQL." + port, ".s.PGSQL." + port + ".lock"),
                postgres(dir, port),
                cpu);
      }
      server = new ManagedServer(kind, directory, watchdog, port, socket, pinning(watchdog, cpu));
      RUNNING.add(server);
      server.awaitReady();
      server.version =
          kind == ServerKind.REDIS
              ? RedisConnections.version(server.endpoint(Transport.UDS))
              : PostgresConnections.setUp(server.endpoint(Transport.UDS));
      return server;
    } catch (IOException | RuntimeException e) {
      String log = watchdog == null ? "" : watchdog.logTail();
      closeQuietly(watchdog, directory);
      if (server != null) {
        RUNNING.remove(server);
      }
      if (e instanceof ServerUnavailableException unavailable) {
        throw unavailable;
      }
      if (log.contains("Address already in use")) {
        throw new PortTakenException(log);
      }
      throw new ServerUnavailableException(
          kind.label()
              + " did not start: "
              + (e.getMessage() == null ? e.toString() : e.getMessage())
              + (log.isBlank() ? "" : "\nits log ends:\n" + log),
          e);
    }
  }

  private static List<String> redis(Path dir, int port) {
    return List.of(
        Executables.onPath("redis-server").orElseThrow().toString(),
        "--port",
        Integer.toString(port),
        "--bind",
        TransportOptions.LOOPBACK,
        "--unixsocket",
        dir.resolve("redis.sock").toString(),
        "--unixsocketperm",
        "700",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir.toString(),
        "--daemonize",
        "no",
        "--protected-mode",
        "yes",
        "--databases",
        "1",
        "--logfile",
        "");
  }

  private static List<String> postgres(Path dir, int port) throws IOException {
    Path bin = Executables.postgresBindir().orElseThrow();
    String script =
        quote(bin.resolve("initdb"))
            + " -D data -U "
            + USER
            + " --auth=trust -E UTF8 --locale=C -N >/dev/null && exec "
            + quote(bin.resolve("postgres"))
            + " -D data -p "
            + port
            + " -k "
            + quote(dir)
            + " -c listen_addresses="
            + TransportOptions.LOOPBACK
            + " -c unix_socket_permissions=0700 -c fsync=off -c synchronous_commit=off"
            + " -c full_page_writes=off -c max_connections=64 -c shared_buffers=32MB";
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      Path setpriv =
          Executables.onPath("setpriv")
              .orElseThrow(
                  () ->
                      new ServerUnavailableException(
                          "PostgreSQL refuses to run as root and setpriv (util-linux), which"
                              + " runs it as "
                              + UNPRIVILEGED
                              + ", was not found"));
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(dir, users.lookupPrincipalByName(UNPRIVILEGED));
      command.addAll(
          List.of(
              setpriv.toString(),
              "--reuid=" + UNPRIVILEGED,
              "--regid=" + unprivilegedGroup(),
              "--clear-groups"));
    }
    command.addAll(List.of("/bin/sh", "-c", script));
    return command;
  }

  private static String unprivilegedGroup() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/group"))) {
        if (line.startsWith("nogroup:")) {
          return "nogroup";
        }
      }
    } catch (IOException e) {
      // Fall through to the name most systems use.
    }
    return "nobody";
  }

  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static String quote(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  private static Affinity.Pinning pinning(Watchdog watchdog, OptionalInt cpu) {
    if (cpu.isEmpty()) {
      return new Affinity.Pinning(false, -1, "server process not pinned");
    }
    try {
      String allowed = "";
      for (String line : Files.readAllLines(Path.of("/proc/" + watchdog.serverPid() + "/status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          allowed = line.substring("Cpus_allowed_list:".length()).strip();
        }
      }
      boolean pinned = allowed.equals(Integer.toString(cpu.getAsInt()));
      return new Affinity.Pinning(
          pinned,
          cpu.getAsInt(),
          pinned
              ? "server process cpu" + cpu.getAsInt() + " (taskset -c, verified)"
              : "server process not pinned: allowed CPUs " + allowed);
    } catch (IOException e) {
      return new Affinity.Pinning(false, cpu.getAsInt(), "server pinning unknown: " + e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!watchdog.serverAlive()) {
        throw new IOException("the server exited while starting");
      }
      if (Files.exists(socketPath)) {
        try {
          for (Transport transport : List.of(Transport.UDS, Transport.TCP)) {
            if (kind == ServerKind.REDIS) {
              RedisConnections.ping(endpoint(transport));
            } else {
              PostgresConnections.selectOne(endpoint(transport));
            }
          }
          return;
        } catch (Exception e) {
          last = e; // still starting (PostgreSQL answers "the database system is starting up")
        }
      }
      try {
        Thread.sleep(20); // polling the socket and a real request, not waiting a fixed time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the server");
      }
    }
    throw new IOException(
        "not ready after " + READY_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + last));
  }

  /** Returns which server this is. */
  public ServerKind kind() {
    return kind;
  }

  /** Returns the server's version, as it reports it. */
  public String version() {
    return version;
  }

  /** Returns the server's process id. */
  public long pid() {
    return watchdog.serverPid();
  }

  /** Returns the private directory of its socket (and, for PostgreSQL, its data). */
  public Path directory() {
    return directory.directory();
  }

  /** Returns the TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Returns the Unix socket file. */
  public Path socketPath() {
    return socketPath;
  }

  /** Returns the server process's verified pinning, or why it is not pinned. */
  public Affinity.Pinning pinning() {
    return pinning;
  }

  /** Returns the options that address this server: 127.0.0.1 and its port, its socket path. */
  public TransportOptions options(boolean nodelay) {
    return new TransportOptions(TransportOptions.LOOPBACK, port, socketPath, nodelay);
  }

  /** Returns the address a client of {@code transport}'s family connects to. */
  public Endpoint endpoint(Transport transport) {
    return transport.isUnix()
        ? new Endpoint(transport, null, 0, socketPath, false)
        : new Endpoint(transport, TransportOptions.LOOPBACK, port, null, true);
  }

  /**
   * Returns a one-line description, e.g. "redis 7.0.15 (pid 123, 127.0.0.1:5000 and /tmp/..., ...),
   * Java client jedis 8.0.2".
   */
  public String describe() {
    return kind.label()
        + " "
        + version
        + " (pid "
        + pid()
        + ", 127.0.0.1:"
        + port
        + " and "
        + socketPath
        + ", "
        + pinning.description()
        + "), Java client "
        + clientVersion(kind);
  }

  /** Returns the Java client's name and version, e.g. "jedis 8.0.2" or "pgjdbc 42.7.14". */
  public static String clientVersion(ServerKind kind) {
    if (kind == ServerKind.POSTGRESQL) {
      return "pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION;
    }
    String resource = "/META-INF/maven/redis.clients/jedis/pom.properties";
    java.util.Properties properties = new java.util.Properties();
    try (var in = ManagedServer.class.getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // The version stays unknown.
    }
    return "jedis " + properties.getProperty("version", "(version unknown)");
  }

  /** Stops the server and waits until its directory is gone. */
  @Override
  public void close() {
    closeQuietly(watchdog, directory);
    RUNNING.remove(this);
  }

  /**
   * Returns the process id of the running server of this JVM's that listens at {@code endpoint}
   * (its port, or its socket file), or -1 if none does (the client runs in another process, or
   * against a server it did not start).
   */
  public static long pidAt(Endpoint endpoint) {
    for (ManagedServer server : RUNNING) {
      boolean here =
          endpoint.transport().isUnix()
              ? server.socketPath.equals(endpoint.path())
              : server.port == endpoint.port();
      if (here) {
        return server.pid();
      }
    }
    return -1;
  }

  /** Returns the servers this JVM started and has not closed yet. */
  public static List<ManagedServer> running() {
    return List.copyOf(RUNNING);
  }

  private static void closeQuietly(Watchdog watchdog, SocketDirectory directory) {
    if (watchdog != null) {
      watchdog.close();
    }
    if (directory != null) {
      try {
        directory.close(); // a no-op once the watchdog removed it; removes it if no server began
      } catch (IOException e) {
        // Left for the stale-directory sweep; never delete what is not ours.
      }
    }
  }

  /** The free port was taken before the server bound it. */
  private static final class PortTakenException extends ServerUnavailableException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String log) {
      super("the chosen port was taken before the server bound it:\n" + log);
    }
  }
}
