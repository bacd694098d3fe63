package org.udsvstcp.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.maven.model.Dependency;
import org.junit.jupiter.api.Test;

class PomDependenciesTest {

  @Test
  void fillsInPropertiesAndManagedVersions() throws Exception {
    PomDependencies pom =
        PomDependencies.parse(
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>g</groupId><artifactId>a</artifactId><version>1.2</version>
              <properties><lib.version>4.7.7</lib.version></properties>
              <dependencyManagement><dependencies>
                <dependency><groupId>org.x</groupId><artifactId>managed</artifactId><version>${project.version}</version></dependency>
              </dependencies></dependencyManagement>
              <dependencies>
                <dependency><groupId>info.picocli</groupId><artifactId>picocli</artifactId><version>${lib.version}</version></dependency>
                <dependency><groupId>org.x</groupId><artifactId>managed</artifactId><scope>test</scope></dependency>
              </dependencies>
              <repositories><repository><id>extra</id><url>https://example.invalid/repo</url></repository></repositories>
            </project>
            """);
    Dependency picocli = pom.dependencies().get(0);
    Dependency managed = pom.dependencies().get(1);
    assertEquals("4.7.7", picocli.getVersion());
    assertEquals("1.2", managed.getVersion());
    assertEquals("test", managed.getScope());
    assertEquals("extra", pom.repositories().get(0).getId());
  }

  @Test
  void readsADependenciesFragmentAsAProject() throws Exception {
    PomDependencies pom =
        PomDependencies.parse(
            "<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>1</version></dependency></dependencies>");
    assertEquals("g:a:jar", pom.dependencies().get(0).getManagementKey());
  }

  @Test
  void refusesADependencyWithoutAVersion() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PomDependencies.parse(
                "<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>"
                    + "</dependency></dependencies>"));
  }
}
