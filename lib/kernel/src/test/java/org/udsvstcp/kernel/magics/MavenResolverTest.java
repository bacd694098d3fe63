package org.udsvstcp.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.aether.artifact.Artifact;
import org.junit.jupiter.api.Test;

class MavenResolverTest {

  @Test
  void readsGroupArtifactVersionAsAJar() {
    Artifact artifact = MavenResolver.artifact("org.hdrhistogram:HdrHistogram:2.2.2");
    assertEquals("org.hdrhistogram:HdrHistogram:jar:2.2.2", artifact.toString());
  }

  @Test
  void readsABundleTypeAsTheJarItShipsIn() {
    Artifact artifact = MavenResolver.artifact("com.google.guava:guava:bundle:33.4.8-jre");
    assertEquals("jar", artifact.getExtension());
  }

  @Test
  void readsAClassifierBeforeTheVersion() {
    Artifact artifact = MavenResolver.artifact("g:a:jar:natives:1.0");
    assertEquals("natives", artifact.getClassifier());
    assertEquals("1.0", artifact.getVersion());
  }

  @Test
  void refusesCoordinatesWithoutAVersion() {
    assertThrows(IllegalArgumentException.class, () -> MavenResolver.artifact("g:a"));
  }
}
