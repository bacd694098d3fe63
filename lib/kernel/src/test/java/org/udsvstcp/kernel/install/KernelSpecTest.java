package org.udsvstcp.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelSpecTest {

  @Test
  void namesTheKernelJavaAndRoutesInterruptsAsMessages() {
    String json = KernelSpec.json(List.of("/jdk/bin/java", "-jar", "/k.jar", "{connection_file}"));
    assertTrue(json.contains("\"display_name\": \"Java\""), json);
    assertTrue(json.contains("\"language\": \"java\""), json);
    assertTrue(json.contains("\"interrupt_mode\": \"message\""), json);
    assertTrue(json.contains("\"{connection_file}\""), json);
  }

  @Test
  void quotesPathsAsJsonStrings() {
    assertEquals("\"C:\\\\jdk \\\"17\\\"\"", KernelSpec.quote("C:\\jdk \"17\""));
  }

  @Test
  void refusesToGuessWhereToInstall() {
    assertThrows(IllegalArgumentException.class, () -> KernelInstaller.fromArgs(List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> KernelInstaller.fromArgs(List.of("--prefix")));
  }

  @Test
  void capsTheHeapAndUsesTheSerialCollector() {
    assertTrue(KernelInstaller.JVM_OPTIONS.contains("-XX:+UseSerialGC"));
    assertTrue(KernelInstaller.JVM_OPTIONS.stream().anyMatch(o -> o.startsWith("-Xmx")));
  }

  @Test
  void addsTheUnsafeAccessOptionOnlyForAJdkThatKnowsIt() throws Exception {
    Path current = KernelInstaller.currentJava();
    List<String> options =
        new KernelInstaller(Path.of("unused"), current, "java", false).jvmOptions();
    assertTrue(options.containsAll(KernelInstaller.JVM_OPTIONS), options.toString());
    boolean knows = Runtime.version().feature() >= 23;
    assertEquals(
        knows, options.contains("--sun-misc-unsafe-memory-access=allow"), options.toString());
  }
}
