package org.udsvstcp.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * The run-length profile: teaching defaults for the notebooks, or a quick smoke run for CI.
 *
 * <p>This is the one place that reads the switch: the system property {@value #PROPERTY} wins over
 * the environment variable {@value #ENVIRONMENT_VARIABLE}; both accept {@code teaching} (the
 * default) or {@code quick}.
 */
public enum Profile {
  /** The original's 5 s method, and repeated 1 s trials with warm-up for the corrected method. */
  TEACHING(Duration.ofSeconds(5), 10, 2, Duration.ofSeconds(1), 20_000, 2_000),
  /** Tiny runs that only prove the notebooks work; their numbers are not measurements. */
  QUICK(Duration.ofSeconds(1), 3, 1, Duration.ofMillis(50), 300, 50);

  /** The environment variable that selects the profile. */
  public static final String ENVIRONMENT_VARIABLE = "UDS_VS_TCP_PROFILE";

  /** The system property that selects the profile; it overrides the environment variable. */
  public static final String PROPERTY = "uds.vs.tcp.profile";

  private final Duration originalDuration;
  private final int trials;
  private final int warmup;
  private final Duration trialDuration;
  private final int roundTrips;
  private final int connections;

  Profile(
      Duration originalDuration,
      int trials,
      int warmup,
      Duration trialDuration,
      int roundTrips,
      int connections) {
    this.originalDuration = originalDuration;
    this.trials = trials;
    this.warmup = warmup;
    this.trialDuration = trialDuration;
    this.roundTrips = roundTrips;
    this.connections = connections;
  }

  /** Returns the profile selected by the system property or environment variable (teaching). */
  public static Profile current() {
    String value = System.getProperty(PROPERTY);
    String source = "system property " + PROPERTY;
    if (value == null || value.isBlank()) {
      value = System.getenv(ENVIRONMENT_VARIABLE);
      source = "environment variable " + ENVIRONMENT_VARIABLE;
    }
    if (value == null || value.isBlank()) {
      return TEACHING;
    }
    return fromName(value.strip(), source);
  }

  private static Profile fromName(String name, String source) {
    for (Profile profile : values()) {
      if (profile.name().equalsIgnoreCase(name)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        source + " is '" + name + "'; valid profiles are: teaching, quick");
  }

  /** Returns a label to print next to results, saying plainly if they are smoke-test numbers. */
  public String label() {
    return switch (this) {
      case TEACHING -> "teaching profile";
      case QUICK -> "quick profile: smoke test only, not a measurement";
    };
  }

  /**
   * Returns a note to append to a printed number: empty in the teaching profile, otherwise the
   * label in parentheses, so a shortened run never passes for a measurement.
   */
  public String smokeNote() {
    return smokeOnly() ? "  (" + label() + ")" : "";
  }

  /** Returns true if numbers from this profile only show that the code runs. */
  public boolean smokeOnly() {
    return this == QUICK;
  }

  /** Returns how long the original method's server sends (the original used 5 s). */
  public Duration originalDuration() {
    return originalDuration;
  }

  /** Returns the number of measured trials per (transport, size) cell. */
  public int trials() {
    return trials;
  }

  /** Returns the number of warm-up rounds run and recorded before the measured ones. */
  public int warmup() {
    return warmup;
  }

  /** Returns how long one stream trial sends. */
  public Duration trialDuration() {
    return trialDuration;
  }

  /** Returns the number of measured round trips in one ping-pong trial. */
  public int roundTrips() {
    return roundTrips;
  }

  /** Returns the number of measured connections in one connect trial. */
  public int connections() {
    return connections;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
