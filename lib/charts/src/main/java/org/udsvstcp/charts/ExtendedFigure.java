package org.udsvstcp.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A tablesaw-jsplot figure plus the few Plotly attributes its builders cannot express (error bars,
 * legend groups, box colours, shapes, tick labels): {@link FigureJson} sets them in the figure's
 * JSON, and tablesaw's own JavaScript ({@link #asJavascript}) gets them as assignments after its
 * variables.
 */
final class ExtendedFigure extends Figure {

  private static final Pattern TARGET = Pattern.compile("(layout|trace\\d+)(\\.[a-z][a-z0-9_]*)+");

  private final List<Attribute> attributes;

  private ExtendedFigure(Layout layout, List<Trace> traces, List<Attribute> attributes) {
    super(layout, traces.toArray(new Trace[0]));
    this.attributes = List.copyOf(attributes);
  }

  /**
   * Returns {@code figure} with more layout attributes (dotted paths, as {@link Builder#layout}),
   * set after its own: the same traces, layout and earlier extra attributes.
   */
  static ExtendedFigure amend(Figure figure, Map<String, Object> layout) {
    List<Attribute> attributes = new ArrayList<>();
    if (figure instanceof ExtendedFigure extended) {
      attributes.addAll(extended.attributes);
    }
    Builder more = new Builder();
    layout.forEach(more::layout);
    attributes.addAll(more.attributes);
    return new ExtendedFigure(figure.getLayout(), List.of(figure.getTraces()), attributes);
  }

  /**
   * One extra attribute: {@code target} is {@code trace<index>} or {@code layout} followed by a
   * dotted path; {@code json} is its value as JSON, written when it was set.
   */
  record Attribute(String target, String json) {}

  /** Returns the extra attributes, in the order they were set. */
  List<Attribute> attributes() {
    return attributes;
  }

  /** Returns the extra attributes, in order, as JavaScript statements. */
  List<String> assignments() {
    List<String> statements = new ArrayList<>();
    for (Attribute attribute : attributes) {
      statements.add(attribute.target() + " = " + attribute.json() + ";");
    }
    return statements;
  }

  @Override
  protected void buildContext(String divName) {
    super.buildContext(divName);
    Map<String, Object> context = getContext();
    context.put("figure", context.get("figure") + String.join("\n", assignments()) + "\n");
  }

  /** Collects traces, their extra attributes and the layout's. */
  static final class Builder {
    private final List<Trace> traces = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();

    /** Adds {@code trace} and returns its index (its variable is {@code trace<index>}). */
    int add(Trace trace) {
      traces.add(trace);
      return traces.size() - 1;
    }

    /** Sets attribute {@code attribute} of trace {@code index} to {@code value} (as JSON). */
    Builder trace(int index, String attribute, Object value) {
      return set("trace" + index + "." + attribute, value);
    }

    /** Sets layout attribute {@code path} (dotted, for example {@code xaxis.tickvals}). */
    Builder layout(String path, Object value) {
      return set("layout." + path, value);
    }

    private Builder set(String target, Object value) {
      if (!TARGET.matcher(target).matches()) {
        throw new IllegalArgumentException("not a Plotly attribute path: " + target);
      }
      attributes.add(new Attribute(target, Json.write(value)));
      return this;
    }

    boolean isEmpty() {
      return traces.isEmpty();
    }

    ExtendedFigure build(Layout layout) {
      if (traces.isEmpty()) {
        throw new IllegalArgumentException("no data to plot: the table has no rows");
      }
      return new ExtendedFigure(layout, traces, attributes);
    }
  }
}
