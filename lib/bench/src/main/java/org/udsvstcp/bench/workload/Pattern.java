package org.udsvstcp.bench.workload;

import java.nio.ByteBuffer;

/**
 * The deterministic bytes a sender repeats and a receiver spot-checks: one period of bytes,
 * repeated for the whole stream.
 */
final class Pattern {
  private final byte[] period;

  private Pattern(byte[] period) {
    this.period = period;
  }

  /** Returns a pattern whose period is one message of {@code size} bytes, varying byte by byte. */
  static Pattern ofSize(int size) {
    byte[] period = new byte[size];
    for (int i = 0; i < size; i++) {
      period[i] = (byte) ((i * 0x9E3779B1) >>> 24 ^ i);
    }
    return new Pattern(period);
  }

  /** Returns a pattern that repeats these bytes. */
  static Pattern of(byte[] bytes) {
    return new Pattern(bytes.clone());
  }

  int length() {
    return period.length;
  }

  byte at(int index) {
    return period[index];
  }

  /** Fills {@code buffer} from position 0 to its capacity with one period and flips it. */
  void fill(ByteBuffer buffer) {
    buffer.clear();
    buffer.put(period, 0, Math.min(period.length, buffer.capacity()));
    buffer.flip();
  }

  /**
   * Checks the first and last of the {@code n} bytes at the start of {@code buffer}, which continue
   * the stream at {@code phase} (its offset modulo the period), and returns the next phase.
   * Checking two bytes per read costs the same for any read size, so it never slows the transfer,
   * yet a lost, duplicated or shifted chunk moves the phase and is caught.
   */
  int check(ByteBuffer buffer, int n, int phase, long offset) throws CorruptTransferException {
    int last = (int) ((phase + (long) n - 1) % period.length);
    if (buffer.get(0) != period[phase]) {
      throw mismatch(offset, buffer.get(0), period[phase]);
    }
    if (buffer.get(n - 1) != period[last]) {
      throw mismatch(offset + n - 1, buffer.get(n - 1), period[last]);
    }
    return last + 1 == period.length ? 0 : last + 1;
  }

  private static CorruptTransferException mismatch(long offset, byte actual, byte expected) {
    return new CorruptTransferException(
        "byte "
            + offset
            + " of the stream is "
            + (actual & 0xff)
            + ", expected "
            + (expected & 0xff)
            + ": the transfer lost, repeated or reordered data");
  }
}
