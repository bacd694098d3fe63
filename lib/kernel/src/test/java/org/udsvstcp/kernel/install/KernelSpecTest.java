package org.udsvstcp.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
