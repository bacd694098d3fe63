package org.udsvstcp.bench.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.udsvstcp.bench.BenchException;
import org.udsvstcp.bench.route.PrivateRoute.End;

/**
 * The tcp-veth route: each end runs in a namespace of its own and TCP between them crosses the veth
 * pair; the machine's own namespace gains no link or address, and the namespaces (with the pair)
 * are gone when the route closes or its JVM is killed.
 */
class VethNamespacesTest extends RouteTestSupport {
  private static final long BYTES = 1_000_000;

  @Test
  void theEndsTalkOverTheVethPairFromTheirOwnNamespaces() throws Exception {
    assumeAvailable(PrivateRoute.Kind.VETH);
    List<String> host = hostLinksAndAddresses();
    boolean runNetnsMounted = succeeds("mountpoint", "-q", "/run/netns");
    String serverNamespace;
    String clientNamespace;
    try (VethNamespaces route = VethNamespaces.open()) {
      serverNamespace = route.namespace(End.SERVER);
      clientNamespace = route.namespace(End.CLIENT);
      assertTrue(
          serverNamespace.startsWith("udsvstcp-") && clientNamespace.startsWith("udsvstcp-"));
      assertTrue(namespaces().containsAll(List.of(serverNamespace, clientNamespace)));
      assertEquals(host, hostLinksAndAddresses(), "nothing was added to the machine's namespace");
      Child server =
          start(route.launcher(End.SERVER), "serve", route.serverHost(), Long.toString(BYTES));
      server.expect("HELLO");
      route.checkInside(End.SERVER, server.pid());
      assertThrows(BenchException.class, () -> route.checkInside(End.CLIENT, server.pid()));
      server.say("go");
      String port = server.expect("PORT ");
      Child client =
          start(route.launcher(End.CLIENT), "send", route.serverHost(), port, Long.toString(BYTES));
      client.expect("HELLO");
      route.checkInside(End.CLIENT, client.pid());
      PrivateRoute.Carried before = route.carried();
      client.say("go");
      assertEquals(Long.toString(BYTES), client.expect("SENT "));
      assertEquals(Long.toString(BYTES), server.expect("GOT "));
      assertEquals(0, client.waitFor());
      assertEquals(0, server.waitFor());
      long carried = route.carried().minus(before).bytes();
      // Payload plus TCP/IP and Ethernet headers, both ways.
      assertTrue(carried > BYTES && carried < 2 * BYTES, () -> carried + " bytes");
      assertTrue(
          route.commands().stream()
              .anyMatch(
                  c -> c.startsWith("ip -n " + serverNamespace + " link add udsvstcp0 type veth")),
          () -> route.commands().toString());
    }
    assertFalse(namespaces().contains(serverNamespace), "the server's namespace is gone");
    assertFalse(namespaces().contains(clientNamespace), "the client's namespace is gone");
    assertEquals(host, hostLinksAndAddresses());
    assertEquals(
        runNetnsMounted,
        succeeds("mountpoint", "-q", "/run/netns"),
        "/run/netns is a mount point again only if it was one before");
  }

  @Test
  void aKilledJvmLeavesNoNamespaceLinkOrProcess() throws Exception {
    assumeAvailable(PrivateRoute.Kind.VETH);
    List<String> host = hostLinksAndAddresses();
    Child jvm = start(List.of(), "open", "veth");
    jvm.expect("HELLO");
    jvm.say("go");
    String description = jvm.expect("OPEN ");
    String server = description.replaceAll(".*namespaces (\\S+) \\(server.*", "$1");
    String client = description.replaceAll(".* and (\\S+) \\(client.*", "$1");
    assertTrue(namespaces().containsAll(List.of(server, client)), description);
    Process inside = new ProcessBuilder(ip(), "netns", "exec", server, "sleep", "600").start();
    jvm.process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    jvm.waitFor();
    assertTrue(eventually(() -> !inside.isAlive()), "the process in the namespace was ended");
    assertTrue(eventually(() -> !namespaces().contains(server) && !namespaces().contains(client)));
    assertEquals(host, hostLinksAndAddresses());
  }
}
