package org.udsvstcp.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void sizesUseBinaryUnitsAndWholeNumbersWhereTheyCan() {
    assertEquals("64 B", Units.size(64));
    assertEquals("1000 B", Units.size(1000));
    assertEquals("64 KiB", Units.size(65536));
    assertEquals("1.5 KiB", Units.size(1536));
    assertEquals("1 MiB", Units.size(1 << 20));
  }

  @Test
  void ratesUseEngineeringNotationWithThreeSignificantDigits() {
    assertEquals("1.23 GB/s", Units.bytesPerSecond(1.234e9));
    assertEquals("650 MB/s", Units.bytesPerSecond(6.5e8));
    assertEquals("12.3 kB/s", Units.bytesPerSecond(12_345));
    assertEquals("1.00 GB/s", Units.bytesPerSecond(999.7e6));
    assertEquals("2.50 M msg/s", Units.messagesPerSecond(2.5e6));
    assertEquals("950 msg/s", Units.messagesPerSecond(950));
  }

  @Test
  void timesPickTheReadableUnit() {
    assertEquals("48.1 us", Units.micros(48.1));
    assertEquals("1.50 ms", Units.micros(1500));
    assertEquals("850 ns", Units.micros(0.85));
    assertEquals("2.00 s", Units.seconds(2));
  }

  @Test
  void percentagesHaveAtMostOneDecimal() {
    assertEquals("12.3%", Units.percent(0.1234));
    assertEquals("12%", Units.percent(0.12));
    assertEquals("5%", Units.percent(0.05));
    assertEquals("0.4%", Units.percent(0.004));
    assertEquals("n/a", Units.percent(Double.NaN));
  }

  @Test
  void ratiosHaveTwoDecimalsAndATimesSign() {
    assertEquals("1.82x", Units.ratio(1.823));
  }

  @Test
  void metricsAreFormattedByTheirColumnName() {
    assertEquals("1.20 GB/s", Units.metric("bytes_per_s", 1.2e9));
    assertEquals("3.00 M msg/s", Units.metric("messages_per_s", 3e6));
    assertEquals("9.20 us", Units.metric("p50_us", 9.2));
    assertEquals("1.00 s", Units.metric("seconds", 1));
    assertEquals("n/a", Units.metric("bytes_per_s", Double.NaN));
    assertEquals("12.0 k", Units.metric("reads", 12_000));
  }
}
