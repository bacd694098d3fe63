/**
 * The committed reference runs, one directory per machine and time ({@code
 * notebooks/reference/<machine>-<yyyy>-<mm>/}), each holding results CSV files whose {@code #}
 * header names the machine. A low layer: it reads files and their headers and depends on no other
 * package of the library.
 */
package org.udsvstcp.bench.reference;
