package org.udsvstcp.bench.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

  @Test
  void capturesKernelJvmLibrariesAndSocketBuffers() throws Exception {
    Environment environment = Environment.capture();
    Path osrelease = Path.of("/proc/sys/kernel/osrelease");
    if (Files.exists(osrelease)) {
      assertEquals(Files.readString(osrelease).strip(), environment.kernel());
    }
    assertTrue(environment.jvm().contains(System.getProperty("java.vm.name")));
    for (String library : new String[] {"junixsocket", "tablesaw", "HdrHistogram", "picocli"}) {
      String version = environment.libraries().get(library);
      assertTrue(version != null && version.matches("\\d+\\.\\d+.*"), library + " " + version);
    }
    for (String transport : new String[] {"tcp", "uds"}) {
      String buffers = environment.socketBuffers().get(transport + " SO_SNDBUF/SO_RCVBUF");
      assertTrue(buffers.matches("client \\d+/\\d+, server \\d+/\\d+"), buffers);
    }
    String text = environment.toText();
    for (String label :
        new String[] {"cpu:", "kernel:", "jvm:", "libraries:", "socket buffers:", "pinning:"}) {
      assertTrue(text.contains(label), text);
    }
  }

  @Test
  void tcpBuffersAreTheConnectedPairsNotAnUnconnectedSocketsPlaceholder() throws Exception {
    Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
    assumeTrue(Files.exists(wmem), "not Linux: no tcp_wmem");
    String buffers = Environment.capture().socketBuffers().get("tcp SO_SNDBUF/SO_RCVBUF");
    int clientSend = Integer.parseInt(buffers.replaceAll("^client (\\d+)/.*", "$1"));
    int defaultSend = Integer.parseInt(Files.readAllLines(wmem).get(0).strip().split("\\s+")[1]);
    // A connected socket starts at least at tcp_wmem's default; an unconnected one reports less.
    assertTrue(clientSend >= defaultSend, buffers + " vs tcp_wmem default " + defaultSend);
  }

  @Test
  void parsesKernelCpuLists() {
    assertEquals(java.util.List.of(0, 1, 2, 5), Affinity.parseCpuList("0-2,5\n"));
  }

  @Test
  void pinsAThreadOnlyWhenTheKernelConfirmsIt() throws Exception {
    assumeTrue(Affinity.taskset().isPresent(), "taskset is not installed");
    int cpu = Affinity.allowedCpus().get(Affinity.allowedCpus().size() - 1);
    Affinity.Pinning[] result = new Affinity.Pinning[1];
    String[] seen = new String[2];
    Thread thread =
        new Thread(
            () -> {
              result[0] = Affinity.pinCurrentThread(cpu);
              seen[0] = Affinity.currentThreadCpuList();
              seen[1] = Integer.toString(Affinity.currentCpu());
            });
    thread.start();
    thread.join();
    assertTrue(result[0].pinned(), result[0].description());
    assertEquals(Integer.toString(cpu), seen[0]);
    assertEquals(Integer.toString(cpu), seen[1]);
    assertFalse(
        Affinity.currentThreadCpuList().equals(Integer.toString(cpu))
            && Affinity.allowedCpus().size() > 1,
        "only the pinned thread is restricted");
  }
}
