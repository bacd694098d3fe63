/**
 * The transports (tcp, uds, uds-junix, tcp-classic, and tcp-sockmap and tcp-veth, which are TCP
 * through NIO along another route), opened the same way: {@link
 * org.udsvstcp.bench.transport.Transport#listen()} gives a {@link
 * org.udsvstcp.bench.transport.Listener}, whose {@link
 * org.udsvstcp.bench.transport.Endpoint#connect()} gives a client {@link
 * org.udsvstcp.bench.transport.Connection}. Unix socket paths are checked before they are bound.
 * The routes of tcp-sockmap and tcp-veth are set up by {@code org.udsvstcp.bench.route}.
 */
package org.udsvstcp.bench.transport;
