package org.udsvstcp.bench.perf;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel time of sampled threads by {@link KernelCategory}: with a fixed sampling period, each
 * sample stands for one period of the thread's CPU time, so samples times period estimate the time
 * itself, independently of any other counter. Also says how the categories were decided: how much
 * was moved from interrupt re-enable points to their callers, and how much was named by a caller
 * because its leaf matched no rule.
 *
 * @param userNs the sampled threads' time in user space (ns)
 * @param idleNs time the sampled CPU was idle (samples of task 0), for a CPU-wide profile (ns)
 * @param othersNs time the sampled CPU ran other threads than the named ones (ns)
 * @param byEnd per end (as named by the caller of {@link #of}), per category, the kernel time (ns)
 * @param movedByCategory per category, the kernel time that came from interrupt re-enable points
 *     (ns)
 * @param movedFrom per re-enable point (symbol), the time moved from it (ns)
 * @param unnamedNs kernel time whose leaf function matched no rule, so a caller named it (ns)
 * @param unnamedLeaves per such leaf symbol, its time (ns)
 * @param leaves per leaf symbol, its self time (ns), for a top-functions table
 * @param samples the number of samples of the named threads, user and kernel
 */
public record KernelTime(
    long userNs,
    long idleNs,
    long othersNs,
    Map<String, Map<KernelCategory, Long>> byEnd,
    Map<KernelCategory, Long> movedByCategory,
    Map<String, Long> movedFrom,
    long unnamedNs,
    Map<String, Long> unnamedLeaves,
    Map<String, Long> leaves,
    long samples) {

  /** Copies the maps so the record stays unmodifiable. */
  public KernelTime {
    Map<String, Map<KernelCategory, Long>> ends = new LinkedHashMap<>();
    byEnd.forEach((end, m) -> ends.put(end, Collections.unmodifiableMap(new EnumMap<>(m))));
    byEnd = Collections.unmodifiableMap(ends);
    movedByCategory = Collections.unmodifiableMap(new EnumMap<>(movedByCategory));
    movedFrom = Collections.unmodifiableMap(new LinkedHashMap<>(movedFrom));
    unnamedLeaves = Collections.unmodifiableMap(new LinkedHashMap<>(unnamedLeaves));
    leaves = Collections.unmodifiableMap(new LinkedHashMap<>(leaves));
  }

  /**
   * Attributes every sample of the named threads: {@code ends} maps a thread id to its end's name
   * ("server", "client"); samples of other threads count only as idle (task 0) or others.
   */
  public static KernelTime of(List<PerfSample> samples, SymbolRules rules, Map<Long, String> ends) {
    Tally tally = new Tally(rules, ends);
    samples.forEach(tally);
    return tally.result();
  }

  /**
   * Adds up samples one at a time (as {@link PerfScript#read} hands them over) into a {@link
   * KernelTime}.
   */
  public static final class Tally implements java.util.function.Consumer<PerfSample> {
    private final SymbolRules rules;
    private final Map<Long, String> ends;
    private long user;
    private long idle;
    private long others;
    private long count;
    private long unnamed;
    private final Map<String, Map<KernelCategory, Long>> byEnd = new LinkedHashMap<>();
    private final Map<KernelCategory, Long> moved = zeros();
    private final Map<String, Long> movedFrom = new TreeMap<>();
    private final Map<String, Long> unnamedLeaves = new TreeMap<>();
    private final Map<String, Long> leaves = new TreeMap<>();

    /** Starts an empty tally of the threads in {@code ends} (thread id to end name). */
    public Tally(SymbolRules rules, Map<Long, String> ends) {
      this.rules = rules;
      this.ends = Map.copyOf(ends);
      for (String end : ends.values()) {
        byEnd.computeIfAbsent(end, e -> zeros());
      }
    }

    @Override
    public void accept(PerfSample sample) {
      String end = ends.get(sample.tid());
      if (end == null) {
        if (sample.tid() == 0) {
          idle += sample.period();
        } else {
          others += sample.period();
        }
        return;
      }
      count++;
      long ns = sample.period();
      if (!sample.kernel()) {
        user += ns;
        return;
      }
      SymbolRules.Attribution a = rules.attribute(sample.kernelFrames());
      byEnd.get(end).merge(a.category(), ns, Long::sum);
      leaves.merge(a.leaf(), ns, Long::sum);
      if (a.how() == SymbolRules.How.SKID) {
        moved.merge(a.category(), ns, Long::sum);
        movedFrom.merge(a.leaf(), ns, Long::sum);
      } else if (a.how() == SymbolRules.How.UNNAMED) {
        unnamed += ns;
        unnamedLeaves.merge(a.leaf(), ns, Long::sum);
      }
    }

    /** Returns what was added so far. */
    public KernelTime result() {
      return new KernelTime(
          user,
          idle,
          others,
          byEnd,
          moved,
          sortDescending(movedFrom),
          unnamed,
          sortDescending(unnamedLeaves),
          sortDescending(leaves),
          count);
    }
  }

  private static Map<KernelCategory, Long> zeros() {
    Map<KernelCategory, Long> m = new EnumMap<>(KernelCategory.class);
    for (KernelCategory c : KernelCategory.values()) {
      m.put(c, 0L);
    }
    return m;
  }

  private static Map<String, Long> sortDescending(Map<String, Long> map) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    map.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** Returns both ends' kernel time in a category (ns). */
  public long ns(KernelCategory category) {
    return byEnd.values().stream().mapToLong(m -> m.getOrDefault(category, 0L)).sum();
  }

  /** Returns both ends' kernel time (ns). */
  public long kernelNs() {
    return byEnd.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /** Returns one end's kernel time (ns), 0 for an end that was not sampled. */
  public long kernelNs(String end) {
    return byEnd.getOrDefault(end, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Returns the kernel time moved from interrupt re-enable points to their callers (ns). */
  public long movedNs() {
    return movedByCategory.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Returns per category the kernel time, both ends (ns), in the categories' order. */
  public Map<KernelCategory, Long> byCategory() {
    Map<KernelCategory, Long> m = new EnumMap<>(KernelCategory.class);
    for (KernelCategory c : KernelCategory.values()) {
      m.put(c, ns(c));
    }
    return m;
  }
}
