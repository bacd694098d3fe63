package org.udsvstcp.bench.perf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules that put a kernel sample in one {@link KernelCategory}, loaded from the documented
 * table {@code kernel-categories.tsv} (next to this class): each frame of a sample's call chain,
 * leaf first, is matched against the rules in order; a category decides, an interrupt re-enable
 * point ({@code skid}) or a helper ({@code caller}) passes the decision to its caller.
 */
public final class SymbolRules {
  /** The table's resource name, next to this class. */
  public static final String RESOURCE = "kernel-categories.tsv";

  private static final Pattern SUFFIX =
      Pattern.compile("(\\.(isra|part|constprop|cold|llvm|lto_priv)(\\.\\d+)?)+$");

  private static volatile SymbolRules standard;

  private final List<Rule> rules;

  /** What a rule makes of a frame it matches. */
  public enum Action {
    /** The frame's category decides. */
    CATEGORY,
    /** A helper: its caller's category decides. */
    CALLER,
    /** An interrupt re-enable point: its caller's category decides, and the sample counts moved. */
    SKID
  }

  /** How a sample's category was decided. */
  public enum How {
    /** Its leaf frame named the category. */
    LEAF,
    /** Its leaf was a helper, so a caller named it. */
    HELPER,
    /** Its leaf matched no rule, so a caller named it. */
    UNNAMED,
    /** Its leaf was an interrupt re-enable point, so a caller named it (moved for skid). */
    SKID
  }

  /**
   * One line of the table.
   *
   * @param line its line number in the table
   * @param match exact, prefix or regex
   * @param pattern the symbol, prefix or regular expression
   * @param action what a match does
   * @param category the category, for {@link Action#CATEGORY}
   * @param why the table's reason
   */
  public record Rule(
      int line, String match, String pattern, Action action, KernelCategory category, String why) {
    /** Returns true if this rule matches a symbol (without compiler suffixes). */
    public boolean matches(String symbol) {
      return switch (match) {
        case "exact" -> symbol.equals(pattern);
        case "prefix" -> symbol.startsWith(pattern);
        default -> compiled().matcher(symbol).find();
      };
    }

    private Pattern compiled() {
      return Patterns.of(pattern);
    }
  }

  /**
   * The category of one sample and how it was decided.
   *
   * @param category the category
   * @param how how it was decided
   * @param leaf the sample's leaf symbol (without suffixes)
   * @param decidedBy the symbol whose rule decided, or empty if none did (then the category is
   *     other)
   */
  public record Attribution(KernelCategory category, How how, String leaf, String decidedBy) {}

  /** Compiled patterns, shared by every rule that uses the same text. */
  private static final class Patterns {
    private static final java.util.Map<String, Pattern> CACHE =
        new java.util.concurrent.ConcurrentHashMap<>();

    static Pattern of(String regex) {
      return CACHE.computeIfAbsent(regex, Pattern::compile);
    }
  }

  private SymbolRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Returns the project's table, {@value #RESOURCE}, read once. */
  public static SymbolRules standard() {
    SymbolRules rules = standard;
    if (rules == null) {
      try (InputStream in = SymbolRules.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the jar");
        }
        rules = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
      }
      standard = rules;
    }
    return rules;
  }

  /**
   * Parses a table: tab-separated lines {@code match pattern category-or-action why}; blank lines
   * and lines starting with {@code #} are skipped.
   *
   * @throws IllegalArgumentException naming the line of a malformed rule
   */
  public static SymbolRules parse(String tsv) {
    List<Rule> rules = new ArrayList<>();
    String[] lines = tsv.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = lines[i].split("\t");
      int number = i + 1;
      if (f.length < 4) {
        throw new IllegalArgumentException(
            "line " + number + ": want match, pattern, category and why, tab-separated: " + line);
      }
      String match = f[0].strip();
      if (!List.of("exact", "prefix", "regex").contains(match)) {
        throw new IllegalArgumentException(
            "line " + number + ": match must be exact, prefix or regex, got '" + match + "'");
      }
      if (match.equals("regex")) {
        try {
          Pattern.compile(f[1]);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "line " + number + ": bad regular expression: " + e.getMessage(), e);
        }
      }
      String target = f[2].strip();
      Action action =
          switch (target) {
            case "skid" -> Action.SKID;
            case "caller" -> Action.CALLER;
            default -> Action.CATEGORY;
          };
      KernelCategory category;
      try {
        category = action == Action.CATEGORY ? KernelCategory.of(target) : null;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
      }
      rules.add(new Rule(number, match, f[1].strip(), action, category, f[3].strip()));
    }
    return new SymbolRules(rules);
  }

  /** Returns the rules in the order they are tried. */
  public List<Rule> rules() {
    return rules;
  }

  /** Returns a symbol without compiler suffixes such as {@code .isra.0} or {@code .part.0}. */
  public static String normalise(String symbol) {
    return SUFFIX.matcher(symbol).replaceFirst("");
  }

  /** Returns the first rule that matches a symbol (suffixes are removed first), if any. */
  public Optional<Rule> ruleFor(String symbol) {
    String name = normalise(symbol);
    for (Rule rule : rules) {
      if (rule.matches(name)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the category of a kernel sample from its call chain, leaf first: the first frame whose
   * rule names a category decides; helpers, interrupt re-enable points and unnamed functions pass
   * the decision up; a chain in which nothing decides is {@link KernelCategory#OTHER}.
   *
   * @throws IllegalArgumentException if the chain is empty (a user-space sample has no category)
   */
  public Attribution attribute(List<String> frames) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a kernel sample has at least one frame");
    }
    String leaf = normalise(frames.get(0));
    How how = null;
    for (int i = 0; i < frames.size(); i++) {
      String symbol = normalise(frames.get(i));
      Optional<Rule> rule = ruleFor(symbol);
      if (rule.isPresent() && rule.get().action() == Action.CATEGORY) {
        return new Attribution(rule.get().category(), how == null ? How.LEAF : how, leaf, symbol);
      }
      if (i == 0) {
        how =
            rule.isEmpty()
                ? How.UNNAMED
                : rule.get().action() == Action.SKID ? How.SKID : How.HELPER;
      }
    }
    return new Attribution(KernelCategory.OTHER, how, leaf, "");
  }
}
