package org.udsvstcp.kernel.execution;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in the kernel's own JVM, each on a cell thread the kernel can interrupt, and
 * keeps the value of the last snippet as an object rather than JShell's string.
 *
 * <p>JShell's own local engine stops code with {@code Thread.stop}, which JDK 20 removed; here an
 * interrupt cancels the snippet's future instead, so the cell returns at once and code that checks
 * for interruption (or blocks interruptibly) ends too.
 */
final class CellExecutionControl extends DirectExecutionControl {

  private static final Object NO_VALUE = new Object();
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final ThreadLocal<Boolean> ON_CELL_THREAD =
      ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final UnaryOperator<Callable<Object>> taskDecorator;
  private final ExecutorService cellThreads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "cell-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private volatile Future<Object> running;
  private volatile boolean interrupted;
  private Object lastValue = NO_VALUE;

  /**
   * Creates a control that wraps each snippet's task with {@code taskDecorator} before running it.
   */
  CellExecutionControl(UnaryOperator<Callable<Object>> taskDecorator) {
    this.taskDecorator = taskDecorator;
  }

  /** Returns a provider that hands JShell this control. */
  ExecutionControlProvider provider() {
    CellExecutionControl control = this;
    return new ExecutionControlProvider() {
      @Override
      public String name() {
        return "cell";
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
      }
    };
  }

  /**
   * Starts a new top-level cell: forgets an interrupt that came after the previous one ended. A
   * cell evaluated from inside a running cell (eval, %load) belongs to that cell instead.
   */
  void beginCell() {
    if (!ON_CELL_THREAD.get()) {
      interrupted = false;
    }
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    if (ON_CELL_THREAD.get()) {
      // eval(...) and %load run snippets from inside a running cell: stay on its thread.
      lastValue = doit.invoke(null);
      return "";
    }
    if (interrupted) {
      // The interrupt came while JShell compiled this snippet: the cell must not go on.
      throw new StoppedException();
    }
    ClassLoader snippetLoader = doit.getDeclaringClass().getClassLoader();
    Callable<Object> task =
        () -> {
          Thread.currentThread().setContextClassLoader(snippetLoader);
          ON_CELL_THREAD.set(Boolean.TRUE);
          try {
            return doit.invoke(null);
          } finally {
            ON_CELL_THREAD.set(Boolean.FALSE);
          }
        };
    Future<Object> future = cellThreads.submit(taskDecorator.apply(task));
    running = future;
    if (interrupted) {
      future.cancel(true);
    }
    try {
      lastValue = future.get();
      return "";
    } catch (CancellationException | InterruptedException e) {
      future.cancel(true);
      interrupted = true;
      throw new StoppedException();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      running = null;
    }
  }

  /** Interrupts the running cell: its current snippet is cancelled and no further one starts. */
  void interrupt() {
    interrupted = true;
    Future<Object> future = running;
    if (future != null) {
      future.cancel(true);
    }
  }

  @Override
  public void stop() {
    interrupt();
  }

  /** Returns whether the running cell was interrupted. */
  boolean isInterrupted() {
    return interrupted;
  }

  /** Returns the value of the last snippet ({@code NO_VALUE} if none), and forgets it. */
  Object takeValue() {
    Object result = lastValue;
    lastValue = NO_VALUE;
    return result;
  }

  /** Returns whether {@code value} came from {@link #takeValue()} when no snippet left a value. */
  static boolean isNoValue(Object value) {
    return value == NO_VALUE;
  }

  @Override
  public void close() {
    cellThreads.shutdownNow();
  }
}
