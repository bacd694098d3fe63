package org.udsvstcp.kernel.install;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes the kernelspec ({@code kernels/NAME/kernel.json}) that starts this jar with an explicit
 * JDK, and records a class-data archive beside it so the kernel starts fast.
 */
public final class KernelInstaller {

  /**
   * The JVM options of the kernel: a heap that fits Binder's 1-2 GB, the serial collector, which
   * has no concurrent threads to take a core from a running benchmark, and native access for the
   * libraries notebooks load (JDK 22+ otherwise warns on stderr when one loads a native library),
   * and quiet class-data-sharing logs: the archive only speeds up start, and JDK 22+ reports at
   * error level, on every start, that its own archive was made without native access.
   */
  public static final List<String> JVM_OPTIONS =
      List.of(
          "-Xmx768m",
          "-XX:+UseSerialGC",
          "-Dfile.encoding=UTF-8",
          "--enable-native-access=ALL-UNNAMED",
          "-Xlog:cds*=off");

  /**
   * Options added when the kernel's JDK knows them: JDK 23+ warns on stderr the first time a
   * library (Tablesaw's classgraph, Guava) uses sun.misc.Unsafe, which would land in a cell.
   */
  static final List<String> OPTIONAL_JVM_OPTIONS = List.of("--sun-misc-unsafe-memory-access=allow");

  private static final String ARCHIVE = "kernel.jsa";

  private final Path kernelsDirectory;
  private final Path java;
  private final String name;
  private final boolean classDataArchive;

  /** Creates an installer that writes {@code kernelsDirectory/name} for {@code java}. */
  public KernelInstaller(Path kernelsDirectory, Path java, String name, boolean classDataArchive) {
    this.kernelsDirectory = kernelsDirectory;
    this.java = java;
    this.name = name;
    this.classDataArchive = classDataArchive;
  }

  /**
   * Parses {@code [--prefix DIR | --user] [--java PATH] [--name NAME] [--no-cds]}; the default
   * prefix is the user's Jupyter data directory only with {@code --user}, otherwise required.
   */
  public static KernelInstaller fromArgs(List<String> args) {
    Path prefix = null;
    Path java = currentJava();
    String name = "java";
    boolean archive = true;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--prefix" -> prefix = Path.of(value(args, ++i, arg));
        case "--user" -> prefix = userDataDirectory();
        case "--java" -> java = Path.of(value(args, ++i, arg));
        case "--name" -> name = value(args, ++i, arg);
        case "--no-cds" -> archive = false;
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (prefix == null) {
      throw new IllegalArgumentException("say where to install: --prefix DIR or --user");
    }
    return new KernelInstaller(prefix.resolve("kernels"), java, name, archive);
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  /** Returns the java launcher of the running JVM. */
  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** Returns Jupyter's per-user data directory: $JUPYTER_DATA_DIR, else the platform default. */
  static Path userDataDirectory() {
    String configured = System.getenv("JUPYTER_DATA_DIR");
    if (configured != null) {
      return Path.of(configured);
    }
    Path home = Path.of(System.getProperty("user.home"));
    if (System.getProperty("os.name").startsWith("Mac")) {
      return home.resolve("Library/Jupyter");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return (xdg != null ? Path.of(xdg) : home.resolve(".local/share")).resolve("jupyter");
  }

  /** Writes the kernelspec and, unless disabled, the class-data archive; returns its directory. */
  public Path install() throws IOException, InterruptedException {
    Path jar = kernelJar();
    Path directory = kernelsDirectory.resolve(name).toAbsolutePath();
    Files.createDirectories(directory);
    List<String> options = jvmOptions();
    Optional<Path> archive =
        classDataArchive
            ? recordArchive(jar, options, directory.resolve(ARCHIVE))
            : Optional.empty();
    Files.writeString(
        directory.resolve("kernel.json"),
        KernelSpec.json(argv(jar, options, archive)),
        StandardCharsets.UTF_8);
    System.out.println("Installed kernelspec " + name + " in " + directory);
    return directory;
  }

  /** Returns {@link #JVM_OPTIONS} and those {@link #OPTIONAL_JVM_OPTIONS} the JDK accepts. */
  List<String> jvmOptions() throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(JVM_OPTIONS);
    for (String option : OPTIONAL_JVM_OPTIONS) {
      Process probe =
          new ProcessBuilder(java.toString(), option, "-version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0) {
        options.add(option);
      } else {
        probe.destroyForcibly();
      }
    }
    return options;
  }

  private List<String> argv(Path jar, List<String> options, Optional<Path> archive) {
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(options);
    archive.ifPresent(a -> argv.add("-XX:SharedArchiveFile=" + a));
    argv.add("-jar");
    argv.add(jar.toString());
    argv.add("{connection_file}");
    return argv;
  }

  // Runs a short session that exits under -XX:ArchiveClassesAtExit; a JDK without it goes on
  // without an archive, since the archive only speeds up start.
  private Optional<Path> recordArchive(Path jar, List<String> options, Path archive)
      throws IOException, InterruptedException {
    Files.deleteIfExists(archive);
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.add("-XX:ArchiveClassesAtExit=" + archive);
    command.add("-jar");
    command.add(jar.toString());
    command.add("train");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return Optional.empty();
    }
    if (process.exitValue() != 0 || !Files.exists(archive)) {
      System.err.println(
          "No class-data archive (exit " + process.exitValue() + "); the kernel starts slower");
      return Optional.empty();
    }
    return Optional.of(archive);
  }

  private static Path kernelJar() {
    try {
      // This class ships in the kernel jar, beside the main class the kernelspec starts.
      Path location =
          Path.of(
              KernelInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(location)) {
        throw new IllegalStateException("install runs from the kernel jar, not from " + location);
      }
      return location.toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
