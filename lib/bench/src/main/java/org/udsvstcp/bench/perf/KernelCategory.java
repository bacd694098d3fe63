package org.udsvstcp.bench.perf;

import java.util.Arrays;

/** What the kernel spent a sample on; the rules of {@link SymbolRules} decide which. */
public enum KernelCategory {
  /** System call entry, exit and the generic dispatch from a call to its socket. */
  SYSCALL("syscall", "system call entry and exit"),
  /** Code that exists only to defend against speculative execution: thunks, barriers, clearing. */
  MITIGATION("mitigation", "mitigation code"),
  /** Copying to and from user memory, with the checks each copy makes. */
  COPY("copy", "copying to and from user memory"),
  /** TCP, IP, the device (loopback, or a veth pair) and the softirq receive path. */
  TCP_IP("tcp_ip", "the TCP/IP path"),
  /** The Unix socket's own send, receive and queueing. */
  UNIX("unix", "the Unix-socket path"),
  /**
   * The sockmap redirect (tcp-sockmap): the sk_msg and psock code that hands a send to the peer's
   * queue, and the BPF programs themselves.
   */
  SOCKMAP("sockmap", "the sockmap redirect and its BPF programs"),
  /** Allocating, charging and freeing socket buffers and their memory. */
  MEMORY("memory", "socket buffers and memory"),
  /** Switching tasks, waking them and waiting on sockets. */
  SCHEDULER("scheduler", "scheduler and wake-ups"),
  /** Everything else: interrupts, timers, page faults, the JVM's other calls. */
  OTHER("other", "everything else");

  private final String id;
  private final String label;

  KernelCategory(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** Returns the short name used in the rules table and as a column name. */
  public String id() {
    return id;
  }

  /** Returns what the category holds, in words. */
  public String label() {
    return label;
  }

  /**
   * Returns the category with this id.
   *
   * @throws IllegalArgumentException naming the known ids if there is none
   */
  public static KernelCategory of(String id) {
    return Arrays.stream(values())
        .filter(c -> c.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no kernel category '"
                        + id
                        + "' (known: "
                        + String.join(", ", Arrays.stream(values()).map(c -> c.id).toList())
                        + ")"));
  }
}
