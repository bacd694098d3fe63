package org.udsvstcp.kernel.magics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.maven.model.Repository;

/**
 * The magics that put Maven artifacts on the class path: {@code %maven}, {@code %mavenRepo}, {@code
 * %loadFromPOM} and {@code %%loadFromPOM}.
 */
public final class MavenMagics {

  private static final List<String> DEFAULT_SCOPES = List.of("compile", "runtime");

  private final Path workingDirectory;
  private final Path localRepository;
  private final Consumer<Path> classpath;
  private MavenResolver resolver;

  /**
   * Creates the magics, which read POM files relative to {@code workingDirectory} and keep
   * downloads in {@code localRepository} (normally {@code ~/.m2/repository}).
   */
  public MavenMagics(Path workingDirectory, Path localRepository, Consumer<Path> classpath) {
    this.workingDirectory = workingDirectory;
    this.localRepository = localRepository;
    this.classpath = classpath;
  }

  /** Returns the local repository Maven itself would use: {@code -Dmaven.repo.local} or ~/.m2. */
  public static Path defaultLocalRepository() {
    String configured = System.getProperty("maven.repo.local");
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** {@code %maven group:artifact[:type]:version...}: adds the artifacts and their dependencies. */
  public synchronized List<Path> maven(List<String> coordinates) throws Exception {
    if (coordinates.isEmpty()) {
      throw new IllegalArgumentException(
          "name an artifact, e.g. %maven org.hdrhistogram:HdrHistogram:2.2.2");
    }
    return addAll(resolver().resolve(coordinates));
  }

  /** {@code %mavenRepo id url}: searches that repository too from now on. */
  public synchronized void mavenRepo(List<String> args) {
    if (args.size() != 2) {
      throw new IllegalArgumentException("expected %mavenRepo <id> <url>");
    }
    resolver().addRepository(args.get(0), args.get(1));
  }

  /** {@code %loadFromPOM pom.xml [scope...]}: adds the dependencies a POM file declares. */
  public synchronized List<Path> loadFromPomFile(List<String> args) throws Exception {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("expected %loadFromPOM <pom.xml> [scope...]");
    }
    String pom = Files.readString(workingDirectory.resolve(args.get(0)));
    return loadFromPom(pom, args.subList(1, args.size()));
  }

  /**
   * {@code %%loadFromPOM [scope...]}: adds the dependencies the cell's POM (or fragment) declares.
   */
  public synchronized List<Path> loadFromPom(String pom, List<String> scopes) throws Exception {
    PomDependencies declared = PomDependencies.parse(pom);
    MavenResolver mavenResolver = resolver();
    for (Repository repository : declared.repositories()) {
      mavenResolver.addRepository(repository.getId(), repository.getUrl());
    }
    List<String> wanted = scopes.isEmpty() ? DEFAULT_SCOPES : scopes;
    return addAll(mavenResolver.resolve(declared.dependencies(), wanted));
  }

  private List<Path> addAll(List<Path> jars) {
    jars.forEach(classpath);
    return jars;
  }

  private MavenResolver resolver() {
    if (resolver == null) {
      resolver = new MavenResolver(localRepository);
    }
    return resolver;
  }
}
