package org.udsvstcp.kernel.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.artifact.DefaultArtifactType;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.DefaultArtifactTypeRegistry;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven artifacts with their runtime dependencies through the local repository, from Maven
 * Central and any repositories added later, like Maven 3 does.
 *
 * <p>Only {@code %maven} and its kin create one, so a kernel that never uses them never loads Maven
 * Resolver.
 */
final class MavenResolver {

  private static final List<String> CLASSPATH_SCOPES = List.of("compile", "runtime");

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories = new ArrayList<>();

  MavenResolver(Path localRepository) {
    this.system = new RepositorySystemSupplier().get();
    this.session =
        new BundleAwareSessionBuilderSupplier(system)
            .get()
            .withLocalRepositoryBaseDirectories(localRepository)
            .setSystemProperties(System.getProperties())
            .build();
    addRepository("central", "https://repo.maven.apache.org/maven2/");
  }

  /** Adds a remote repository that later resolutions search after the ones added before it. */
  void addRepository(String id, String url) {
    repositories.removeIf(repository -> repository.getId().equals(id));
    repositories.add(new RemoteRepository.Builder(id, "default", url).build());
  }

  /**
   * Resolves {@code coordinates} ({@code group:artifact[:type[:classifier]]:version}) to jar files.
   */
  List<Path> resolve(List<String> coordinates) throws DependencyResolutionException {
    List<org.eclipse.aether.graph.Dependency> roots = new ArrayList<>();
    for (String coordinate : coordinates) {
      roots.add(new org.eclipse.aether.graph.Dependency(artifact(coordinate), "runtime"));
    }
    return resolveDependencies(roots, CLASSPATH_SCOPES);
  }

  /** Resolves the dependencies a POM declares in {@code scopes} to jar files. */
  List<Path> resolve(List<Dependency> dependencies, List<String> scopes)
      throws DependencyResolutionException {
    List<org.eclipse.aether.graph.Dependency> roots = new ArrayList<>();
    for (Dependency dependency : dependencies) {
      if (!scopes.contains(scopeOf(dependency))) {
        continue;
      }
      Artifact artifact =
          new DefaultArtifact(
              dependency.getGroupId(),
              dependency.getArtifactId(),
              dependency.getClassifier(),
              extensionOf(dependency.getType()),
              dependency.getVersion());
      List<Exclusion> exclusions =
          dependency.getExclusions().stream()
              .map(e -> new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*"))
              .toList();
      roots.add(
          new org.eclipse.aether.graph.Dependency(
              artifact, scopeOf(dependency), dependency.isOptional(), exclusions));
    }
    return resolveDependencies(roots, scopes);
  }

  private List<Path> resolveDependencies(
      List<org.eclipse.aether.graph.Dependency> roots, List<String> scopes)
      throws DependencyResolutionException {
    if (roots.isEmpty()) {
      return List.of();
    }
    CollectRequest collect = new CollectRequest(roots, List.of(), List.copyOf(repositories));
    DependencyRequest request =
        new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(scopes));
    List<Path> jars = new ArrayList<>();
    for (ArtifactResult result :
        system.resolveDependencies(session, request).getArtifactResults()) {
      Path file = result.getArtifact().getPath();
      if (file != null && file.toString().endsWith(".jar")) {
        jars.add(file);
      }
    }
    return jars;
  }

  static Artifact artifact(String coordinate) {
    String[] parts = coordinate.split(":");
    if (parts.length < 3 || parts.length > 5) {
      throw new IllegalArgumentException(
          "expected group:artifact[:type[:classifier]]:version, got " + coordinate);
    }
    String version = parts[parts.length - 1];
    String type = parts.length >= 4 ? parts[2] : "jar";
    String classifier = parts.length == 5 ? parts[3] : "";
    return new DefaultArtifact(parts[0], parts[1], classifier, extensionOf(type), version);
  }

  private static String scopeOf(Dependency dependency) {
    return dependency.getScope() == null ? "compile" : dependency.getScope();
  }

  // An OSGi "bundle" is a jar; Maven knows that from a plugin, the resolver alone does not.
  private static String extensionOf(String type) {
    return type == null || type.equals("bundle") || type.equals("test-jar") ? "jar" : type;
  }

  /**
   * Maven 3's session, plus the {@code bundle} type that OSGi-packaged libraries such as Guava use.
   */
  private static final class BundleAwareSessionBuilderSupplier extends SessionBuilderSupplier {

    BundleAwareSessionBuilderSupplier(RepositorySystem system) {
      super(system);
    }

    @Override
    public DefaultArtifactTypeRegistry getArtifactTypeRegistry() {
      DefaultArtifactTypeRegistry registry = super.getArtifactTypeRegistry();
      registry.add(new DefaultArtifactType("bundle", "jar", "", "java"));
      return registry;
    }
  }
}
