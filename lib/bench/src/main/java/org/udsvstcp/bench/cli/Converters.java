package org.udsvstcp.bench.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.udsvstcp.bench.experiment.Isolation;
import org.udsvstcp.bench.experiment.Placement;
import org.udsvstcp.bench.transport.Transport;
import org.udsvstcp.bench.workload.Workload;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line value parsers; picocli prefixes their messages with the option's name. */
final class Converters {
  private Converters() {}

  /** Parses a byte count such as 64, 64k, 64KiB or 1m (1 KiB = 1024 bytes). */
  static long parseBytes(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    String number = value.replaceFirst("(i?b)$", "");
    long factor = 1;
    if (number.endsWith("k")) {
      factor = 1L << 10;
    } else if (number.endsWith("m")) {
      factor = 1L << 20;
    } else if (number.endsWith("g")) {
      factor = 1L << 30;
    }
    if (factor > 1) {
      number = number.substring(0, number.length() - 1);
    }
    try {
      long bytes = Math.multiplyExact(Long.parseLong(number.strip()), factor);
      if (bytes < 1) {
        throw new TypeConversionException("'" + text + "' must be at least 1 byte");
      }
      return bytes;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a size like 64, 64k or 1m (k = 1024 bytes)");
    }
  }

  /** Parses a duration such as 1s, 500ms or 2m (a bare number is seconds). */
  static Duration parseDuration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration duration;
      if (value.endsWith("ms")) {
        duration =
            Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).strip()));
      } else if (value.endsWith("s")) {
        duration =
            millis(Double.parseDouble(value.substring(0, value.length() - 1).strip()) * 1000);
      } else if (value.endsWith("m")) {
        duration =
            millis(Double.parseDouble(value.substring(0, value.length() - 1).strip()) * 60_000);
      } else {
        duration = millis(Double.parseDouble(value) * 1000);
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new TypeConversionException("'" + text + "' must be longer than zero");
      }
      return duration;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a duration like 1s or 500ms");
    }
  }

  private static Duration millis(double millis) {
    if (Double.isNaN(millis) || Double.isInfinite(millis)) {
      throw new NumberFormatException();
    }
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  private static <T> T named(String text, Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  static final class SizeConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long bytes = parseBytes(value);
      if (bytes > 1L << 30) {
        throw new TypeConversionException("'" + value + "' is larger than the 1g maximum");
      }
      return (int) bytes;
    }
  }

  static final class BytesConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parseBytes(value);
    }
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return parseDuration(value);
    }
  }

  static final class TransportConverter implements ITypeConverter<Transport> {
    @Override
    public Transport convert(String value) {
      return named(value, Transport::fromName);
    }
  }

  static final class WorkloadConverter implements ITypeConverter<Workload> {
    @Override
    public Workload convert(String value) {
      return named(value, Workload::fromName);
    }
  }

  static final class IsolationConverter implements ITypeConverter<Isolation> {
    @Override
    public Isolation convert(String value) {
      return named(value, Isolation::fromName);
    }
  }

  static final class PlacementConverter implements ITypeConverter<Placement> {
    @Override
    public Placement convert(String value) {
      return named(value, Placement::fromName);
    }
  }
}
