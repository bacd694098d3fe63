package org.udsvstcp.kernel;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.udsvstcp.kernel.execution.CellEvaluator;
import org.udsvstcp.kernel.execution.CellValue;
import org.udsvstcp.kernel.execution.CodeInsight;
import org.udsvstcp.kernel.execution.Completeness;
import org.udsvstcp.kernel.execution.CompletenessClassifier;
import org.udsvstcp.kernel.execution.ErrorReport;
import org.udsvstcp.kernel.history.CellHistory;
import org.udsvstcp.kernel.magics.ClasspathMagics;
import org.udsvstcp.kernel.magics.LoadMagic;
import org.udsvstcp.kernel.magics.MavenMagics;
import org.udsvstcp.kernel.output.CellOutput;
import org.udsvstcp.kernel.protocol.HistoryOkReply;
import org.udsvstcp.kernel.protocol.IOPubPublisher;
import org.udsvstcp.kernel.protocol.InterruptOkReply;
import org.udsvstcp.kernel.protocol.KernelInfoOkReply;
import org.udsvstcp.kernel.protocol.WaitingRequests;
import org.udsvstcp.kernel.runtime.NotebookFunctions;

/**
 * A Jupyter kernel for Java that looks like IJava to a notebook: JShell evaluates the cells inside
 * this JVM, IJava's magics and notebook functions are there, and output goes to the cell that
 * produced it.
 */
public final class JavaKernel extends BaseKernel {

  /** The imports every IJava notebook can rely on. */
  public static final List<String> DEFAULT_IMPORTS =
      List.of(
          "java.util.*",
          "java.io.*",
          "java.math.*",
          "java.net.*",
          "java.util.concurrent.*",
          "java.util.prefs.*",
          "java.util.regex.*");

  private static final String VERSION = "0.1.0";
  private static final Pattern MAGIC_NAME_AT_CURSOR = Pattern.compile("(?m)^\\s*(%%?)(\\w*)$");

  private final CompletableFuture<CellEvaluator> evaluator;
  private final CellHistory history;
  private volatile JupyterConnection connection;

  private JavaKernel(CellHistory history, MagicsRegistry magics) {
    super(
        "uds-vs-tcp-java",
        VERSION,
        new LanguageInfo.Builder("Java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build(),
        List.of(),
        history,
        new JupyterIO(StandardCharsets.UTF_8),
        new CommManager(),
        new Renderer(),
        new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()),
        magics,
        false,
        new StringStyler.Builder().build());
    this.history = history;
    this.evaluator = CompletableFuture.supplyAsync(JavaKernel::startEvaluator, JavaKernel::daemon);
  }

  /**
   * Creates the kernel and starts its JShell in the background; magics read files relative to
   * {@code workingDirectory}.
   */
  public static JavaKernel create(Path workingDirectory) {
    JavaKernel kernel = new JavaKernel(new CellHistory(), new MagicsRegistry());
    kernel.registerMagics(workingDirectory);
    return kernel;
  }

  private void registerMagics(Path workingDirectory) {
    ClasspathMagics classpath = new ClasspathMagics(workingDirectory, this::addToClasspath);
    MavenMagics maven =
        new MavenMagics(
            workingDirectory, MavenMagics.defaultLocalRepository(), this::addToClasspath);
    LoadMagic load = new LoadMagic(workingDirectory, this::evalRaw);
    magicsRegistry.registerLineMagic("jars", (kernel, args) -> classpath.jars(args));
    magicsRegistry.registerLineMagic("classpath", (kernel, args) -> classpath.classpath(args));
    magicsRegistry.registerLineMagic("maven", (kernel, args) -> maven.maven(args));
    magicsRegistry.registerLineMagic(
        "mavenRepo",
        (kernel, args) -> {
          maven.mavenRepo(args);
          return null;
        });
    magicsRegistry.registerLineMagic("loadFromPOM", (kernel, args) -> maven.loadFromPomFile(args));
    magicsRegistry.registerCellMagic(
        "loadFromPOM", (kernel, args, body) -> maven.loadFromPom(body, args));
    magicsRegistry.registerLineMagic("load", (kernel, args) -> load.load(args));
  }

  // Compiling the imports runs javac end to end once, so the first cell finds it warm.
  private static CellEvaluator startEvaluator() {
    List<Path> classpath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(Path::of)
            .toList();
    CellEvaluator evaluator = CellEvaluator.start(classpath, CellOutput::propagate);
    StringBuilder imports = new StringBuilder();
    DEFAULT_IMPORTS.forEach(i -> imports.append("import ").append(i).append(";\n"));
    imports.append("import static ").append(NotebookFunctions.class.getName()).append(".*;\n");
    evaluator.evaluate(imports.toString());
    return evaluator;
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "jshell-start");
    thread.setDaemon(true);
    thread.start();
  }

  private CellEvaluator evaluator() {
    return evaluator.join();
  }

  private void addToClasspath(Path entry) {
    evaluator().addToClasspath(entry);
  }

  @Override
  public Object evalRaw(String code) {
    return evaluator().evaluate(magicParser.resolveMagics(code)).map(CellValue::value).orElse(null);
  }

  @Override
  public void display(DisplayData data) {
    CellOutput.current()
        .orElseThrow(() -> new IllegalStateException("display needs a running cell"))
        .display(data);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return new CodeInsight(evaluator().analysis())
        .documentation(code, at)
        .map(DisplayData::new)
        .orElse(null);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    Matcher magic = MAGIC_NAME_AT_CURSOR.matcher(code.substring(0, at));
    if (magic.find()) {
      Set<String> names =
          magic.group(1).length() == 2
              ? magicsRegistry.getCellMagicNames()
              : magicsRegistry.getLineMagicNames();
      List<String> matches =
          names.stream().filter(n -> n.startsWith(magic.group(2))).sorted().toList();
      return new ReplacementOptions(matches, magic.start(2), at);
    }
    CodeInsight.Completions completions =
        new CodeInsight(evaluator().analysis()).complete(code, at);
    return new ReplacementOptions(completions.matches(), completions.start(), completions.end());
  }

  @Override
  public String isComplete(String code) {
    if (code.startsWith("%%")) {
      return IS_COMPLETE_YES;
    }
    Completeness verdict =
        new CompletenessClassifier(evaluator().analysis())
            .classify(magicParser.resolveMagics(code));
    return switch (verdict.status()) {
      case COMPLETE -> IS_COMPLETE_YES;
      case INVALID -> IS_COMPLETE_BAD;
      case INCOMPLETE -> verdict.indent();
    };
  }

  @Override
  public void interrupt() {
    if (evaluator.isDone()) {
      evaluator().interrupt();
    }
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    evaluator.thenAccept(CellEvaluator::close);
    super.onShutdown(isRestarting);
  }

  @Override
  public void becomeHandlerForConnection(JupyterConnection connection) {
    super.becomeHandlerForConnection(connection);
    this.connection = connection;
  }

  @Override
  protected synchronized void handleExecuteRequest(
      ShellReplyEnvironment env, Message<ExecuteRequest> message) {
    commManager.setMessageContext(message);
    ExecuteRequest request = message.getContent();
    boolean silent = request.isSilent();
    int count = silent ? executionCount.get() : executionCount.getAndIncrement();
    env.setBusyDeferIdle();
    if (!silent) {
      env.publish(new PublishExecuteInput(request.getCode(), count));
    }
    CellOutput output = new CellOutput(new IOPubPublisher(env.getIopub(), message));
    try {
      Optional<DisplayData> result =
          output.runBound(() -> evaluateCell(request.getCode()).map(this::renderValue));
      String shown = "";
      if (result.isPresent() && !silent) {
        env.publish(new PublishExecuteResult(count, result.get()));
        shown = String.valueOf(result.get().getData(MIMEType.TEXT_PLAIN));
      }
      if (request.shouldStoreHistory() && !silent) {
        history.record(count, request.getCode(), shown);
      }
      env.defer().reply(new ExecuteReply(count, Map.of()));
    } catch (Exception e) {
      ErrorReport report = ErrorReport.of(e);
      env.publish(new PublishError(report.name(), report.message(), report.traceback()));
      ErrorReply reply = new ErrorReply(report.name(), report.message(), report.traceback());
      reply.setExecutionCount(count);
      env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
      if (request.shouldStopOnError() && !silent) {
        abortWaitingExecutions(env);
      }
    }
  }

  // stop_on_error as ipykernel has it: the cells queued behind a failed one ("Run All") must not
  // run, yet a request sent after the failure must, so only what has already arrived is taken.
  private void abortWaitingExecutions(ShellReplyEnvironment env) {
    if (connection == null || !(env.getShell() instanceof ShellChannel shell)) {
      return;
    }
    WaitingRequests waiting = WaitingRequests.takeFrom(shell);
    env.resolveDeferrals(); // the failed cell's reply and idle come before the aborted replies
    waiting.abortExecutions(connection, shell);
  }

  private Optional<CellValue> evaluateCell(String code) {
    return evaluator().evaluate(magicParser.resolveMagics(code));
  }

  private DisplayData renderValue(CellValue value) {
    Object object = value.value();
    if (object instanceof DisplayData data) {
      return data;
    }
    return object == null ? new DisplayData("null") : renderer.render(object);
  }

  @Override
  protected void handleKernelInfoRequest(
      ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
    env.setBusyDeferIdle();
    env.reply(
        new KernelInfoOkReply(
            Header.PROTOCOL_VERISON,
            name,
            version,
            getLanguageInfo(),
            getBanner(),
            getHelpLinks()));
  }

  @Override
  protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
    env.setBusyDeferIdle();
    HistoryRequest request = message.getContent();
    Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
    if (request.includeOutput()) {
      flags.add(ResultFlag.INCLUDE_OUTPUT);
    }
    List<HistoryEntry> entries =
        switch (request.getAccessType()) {
          case TAIL ->
              history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
          case RANGE -> {
            HistoryRequest.Range range = (HistoryRequest.Range) request;
            yield history.lookupRange(
                range.getSessionIndex(), range.getStart(), range.getStop(), flags);
          }
          case SEARCH -> {
            HistoryRequest.Search search = (HistoryRequest.Search) request;
            if (search.filterUnique()) {
              flags.add(ResultFlag.UNIQUE);
            }
            yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
          }
        };
    env.reply(new HistoryOkReply(entries));
  }

  @Override
  protected void handleInterruptRequest(
      ShellReplyEnvironment env, Message<InterruptRequest> message) {
    env.setBusyDeferIdle();
    interrupt();
    env.reply(new InterruptOkReply());
  }
}
