package org.udsvstcp.charts;

import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The series' answer as one figure: {@link Charts#ratioBySize} (one line per run, 95% CI whiskers)
 * on a logarithmic ratio axis, so that "half as fast" and "twice as fast" lie equally far from the
 * dashed line at 1, and a 6x lead at 1 MiB leaves the small sizes readable.
 */
public final class AnswerChart {

  private AnswerChart() {}

  /**
   * Returns the ratio by message size of a ratio table (size, ratio, ci_low, ci_high and a string
   * column naming each run), on a log ratio axis.
   */
  public static Figure ratioBySize(Table ratios) {
    Figure linear = Charts.ratioBySize(ratios);
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("yaxis.type", "log");
    layout.put("yaxis.title", Map.of("text", "ratio (UDS ÷ TCP), log scale"));
    return ExtendedFigure.amend(linear, layout);
  }
}
