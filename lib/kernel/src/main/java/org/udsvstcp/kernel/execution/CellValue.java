package org.udsvstcp.kernel.execution;

/** The value of a cell whose last snippet is an expression; {@code value} may be null. */
public record CellValue(Object value) {}
