package org.udsvstcp.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathGlobTest {

  @TempDir Path base;

  private Path file(String relative) throws IOException {
    Path path = base.resolve(relative);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, "");
  }

  @Test
  void aStarMatchesFilesOfOneDirectorySortedByName() throws IOException {
    Path b = file("lib/b.jar");
    Path a = file("lib/a.jar");
    file("lib/notes.txt");
    file("lib/nested/c.jar");
    assertEquals(List.of(a, b), ClasspathGlob.expand("lib/*.jar", base));
  }

  @Test
  void aDoubleStarMatchesAtAnyDepth() throws IOException {
    Path top = file("build/x.jar");
    Path deep = file("build/one/two/y.jar");
    assertEquals(List.of(deep, top), ClasspathGlob.expand("build/**.jar", base));
  }

  @Test
  void aPlainPathMatchesItselfOnlyIfItExists() throws IOException {
    Path jar = file("only.jar");
    assertEquals(List.of(jar), ClasspathGlob.expand("only.jar", base));
    assertEquals(List.of(), ClasspathGlob.expand("missing.jar", base));
    assertEquals(List.of(jar), ClasspathGlob.expand(jar.toString(), Path.of("/")));
  }

  @Test
  void jarsAddsOnlyJarFilesAndRefusesAPatternThatMatchesNothing() throws IOException {
    Path jar = file("lib/a.jar");
    file("lib/a.txt");
    List<Path> added = new ArrayList<>();
    ClasspathMagics magics = new ClasspathMagics(base, added::add);
    assertEquals(List.of(jar), magics.jars(List.of("lib/*")));
    assertEquals(List.of(jar), added);
    assertThrows(IllegalArgumentException.class, () -> magics.jars(List.of("none/*.jar")));
  }

  @Test
  void classpathAddsDirectoriesToo() throws IOException {
    file("classes/sample/A.class");
    List<Path> added = new ArrayList<>();
    new ClasspathMagics(base, added::add).classpath(List.of("class*"));
    assertEquals(List.of(base.resolve("classes")), added);
  }
}
