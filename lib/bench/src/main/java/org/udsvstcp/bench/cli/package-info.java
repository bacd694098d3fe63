/** The {@code uds-vs-tcp} command line (picocli): {@code run}, {@code original}, {@code env}. */
package org.udsvstcp.bench.cli;
