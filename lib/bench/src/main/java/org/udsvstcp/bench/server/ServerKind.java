package org.udsvstcp.bench.server;

import java.util.Locale;

/** A real server this library can start: PostgreSQL or Redis. */
public enum ServerKind {
  /** PostgreSQL ({@code initdb}, {@code postgres}). */
  POSTGRESQL,
  /** Redis ({@code redis-server}). */
  REDIS;

  /** Returns the lower-case name used in messages. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
