package org.udsvstcp.kernel.runtime;

import java.util.List;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.udsvstcp.kernel.output.CellOutput;

/**
 * The functions every cell can call without a prefix, with IJava's names and signatures: {@code
 * display}, {@code render}, {@code updateDisplay}, {@code eval}, {@code lineMagic}, {@code
 * cellMagic} and {@code printf}.
 */
public final class NotebookFunctions {

  private NotebookFunctions() {}

  /** Shows {@code value} under the current cell and returns the id that can update it later. */
  public static String display(Object value) {
    return show(render(value));
  }

  /** Shows {@code value} rendered as the given MIME types and returns its display id. */
  public static String display(Object value, String... mimeTypes) {
    return show(render(value, mimeTypes));
  }

  /** Returns {@code value} rendered as the MIME types it prefers (always with text/plain). */
  public static DisplayData render(Object value) {
    if (value instanceof DisplayData data) {
      return data;
    }
    return kernel().getRenderer().render(value);
  }

  /** Returns {@code value} rendered as the given MIME types. */
  public static DisplayData render(Object value, String... mimeTypes) {
    return kernel().getRenderer().renderAs(value, mimeTypes);
  }

  /** Replaces what the display {@code id} shows with {@code value}. */
  public static void updateDisplay(String id, Object value) {
    update(id, render(value));
  }

  /** Replaces what the display {@code id} shows with {@code value} rendered as the given types. */
  public static void updateDisplay(String id, Object value, String... mimeTypes) {
    update(id, render(value, mimeTypes));
  }

  /** Evaluates {@code code} as a cell would and returns its value, or null if it has none. */
  public static Object eval(String code) {
    return kernel().evalRaw(code);
  }

  /** Runs the line magic {@code name} with {@code args}, as {@code %name args} would. */
  public static <T> T lineMagic(String name, List<String> args) throws Exception {
    BaseKernel kernel = kernel();
    return kernel.getMagicsRegistry().evalLineMagic(kernel, name, args);
  }

  /**
   * Runs the cell magic {@code name} with {@code args} on {@code body}, as {@code %%name} would.
   */
  public static <T> T cellMagic(String name, List<String> args, String body) throws Exception {
    BaseKernel kernel = kernel();
    return kernel.getMagicsRegistry().evalCellMagic(kernel, name, args, body);
  }

  /** Prints {@code args} formatted by {@code format} to the cell's standard output. */
  public static void printf(String format, Object... args) {
    System.out.printf(format, args);
  }

  private static String show(DisplayData data) {
    if (!data.hasDisplayId()) {
      data.setDisplayId(UUID.randomUUID().toString());
    }
    currentCell().display(data);
    return data.getDisplayId();
  }

  private static void update(String id, DisplayData data) {
    data.setDisplayId(id);
    currentCell().updateDisplay(data);
  }

  private static CellOutput currentCell() {
    return CellOutput.current()
        .orElseThrow(() -> new IllegalStateException("display needs a running cell"));
  }

  private static BaseKernel kernel() {
    return BaseKernel.notebookKernel();
  }
}
