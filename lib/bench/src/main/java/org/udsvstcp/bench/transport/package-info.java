/**
 * The four transports (tcp, uds, uds-junix, tcp-classic), opened the same way: {@link
 * org.udsvstcp.bench.transport.Transport#listen()} gives a {@link
 * org.udsvstcp.bench.transport.Listener}, whose {@link
 * org.udsvstcp.bench.transport.Endpoint#connect()} gives a client {@link
 * org.udsvstcp.bench.transport.Connection}. Unix socket paths are checked before they are bound.
 */
package org.udsvstcp.bench.transport;
