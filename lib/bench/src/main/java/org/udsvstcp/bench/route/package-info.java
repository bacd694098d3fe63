/**
 * Private routes through the kernel for TCP: resources a run sets up for one transport, puts both
 * ends of its trials into, and always removes, like a real server. {@link SockmapCgroup} is a
 * cgroup v2 with two BPF programs that hand each TCP send straight to the peer socket (the {@code
 * tcp-sockmap} transport); {@link VethNamespaces} is a pair of network namespaces joined by a veth
 * pair (the {@code tcp-veth} transport). Each runs under a watchdog process that holds a pipe from
 * this JVM and tears everything down when the pipe closes, also after a SIGKILL.
 */
package org.udsvstcp.bench.route;
