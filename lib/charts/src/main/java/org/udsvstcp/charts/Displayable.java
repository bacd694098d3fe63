package org.udsvstcp.charts;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a {@link MimeBundle} showable by whichever IJava-family kernel is running, without this
 * library depending on any kernel: the kernel's {@code DisplayDataRenderable} interface is found by
 * name at run time and implemented by a dynamic proxy.
 */
public final class Displayable {

  /**
   * The renderable interfaces we know, in order of preference: JJava's (which this project's kernel
   * uses), then the base kernel's that IJava 1.3.0 bundles. Their shapes are the same.
   */
  static final List<String> RENDERABLE_INTERFACES =
      List.of(
          "org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable",
          "io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable");

  private Displayable() {}

  /**
   * Returns an object that a kernel's {@code display(...)} renders with every MIME type of {@code
   * bundle}, or {@code bundle} itself when no known kernel interface can be loaded.
   */
  public static Object of(MimeBundle bundle) {
    return of(bundle, defaultLoaders());
  }

  /** Returns {@link #of(MimeBundle)} looking for the kernel only in {@code loaders}. */
  static Object of(MimeBundle bundle, Collection<ClassLoader> loaders) {
    Objects.requireNonNull(bundle, "bundle");
    List<Class<?>> interfaces = renderableInterfaces(loaders);
    if (interfaces.isEmpty()) {
      return bundle;
    }
    // One family only: both declare getPreferredRenderTypes() with the same signature but their
    // own MIMEType, so a proxy of both could hand one kernel the other's ANY set.
    Class<?> renderable = interfaces.get(0);
    return Proxy.newProxyInstance(
        renderable.getClassLoader(), new Class<?>[] {renderable}, new BundleHandler(bundle));
  }

  /** Returns the bundle behind an object made by {@link #of}, or empty for any other object. */
  public static Optional<MimeBundle> bundleOf(Object displayable) {
    if (displayable instanceof MimeBundle) {
      return Optional.of((MimeBundle) displayable);
    }
    if (displayable != null && Proxy.isProxyClass(displayable.getClass())) {
      InvocationHandler handler = Proxy.getInvocationHandler(displayable);
      if (handler instanceof BundleHandler) {
        return Optional.of(((BundleHandler) handler).bundle);
      }
    }
    return Optional.empty();
  }

  /** Returns the context loader, this class's loader and the system loader, in that order. */
  private static Set<ClassLoader> defaultLoaders() {
    Set<ClassLoader> loaders = new LinkedHashSet<>();
    // Notebook code runs in a loader below the kernel's; the context loader usually sees the
    // kernel.
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      loaders.add(context);
    }
    if (Displayable.class.getClassLoader() != null) {
      loaders.add(Displayable.class.getClassLoader());
    }
    loaders.add(ClassLoader.getSystemClassLoader());
    return loaders;
  }

  /** Loads every known renderable interface visible from {@code loaders}. */
  static List<Class<?>> renderableInterfaces(Collection<ClassLoader> loaders) {
    List<Class<?>> found = new ArrayList<>();
    for (String name : RENDERABLE_INTERFACES) {
      for (ClassLoader loader : loaders) {
        try {
          Class<?> type = Class.forName(name, false, loader);
          if (type.isInterface()) {
            found.add(type);
            break;
          }
        } catch (ClassNotFoundException | LinkageError absent) {
          // This kernel family is not loaded here; try the next loader or interface.
        }
      }
    }
    return found;
  }

  /** Implements {@code DisplayDataRenderable} for one bundle. */
  private static final class BundleHandler implements InvocationHandler {
    private final MimeBundle bundle;

    BundleHandler(MimeBundle bundle) {
      this.bundle = bundle;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "render":
          if (args != null && args.length == 1) {
            render(args[0]);
            return null;
          }
          break;
        case "getSupportedRenderTypes":
        case "getPreferredRenderTypes":
          if (method.getParameterCount() == 0) {
            // Both default to the interface's ANY set: the bundle may hold any MIME type.
            return method.getDeclaringClass().getField("ANY").get(null);
          }
          break;
        case "toString":
          if (method.getParameterCount() == 0) {
            return bundle.text();
          }
          break;
        case "hashCode":
          if (method.getParameterCount() == 0) {
            return bundle.hashCode();
          }
          break;
        case "equals":
          if (method.getParameterCount() == 1) {
            return args[0] != null
                && Proxy.isProxyClass(args[0].getClass())
                && Proxy.getInvocationHandler(args[0]) instanceof BundleHandler
                && ((BundleHandler) Proxy.getInvocationHandler(args[0])).bundle.equals(bundle);
          }
          break;
        default:
          break;
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      throw new UnsupportedOperationException(method.toString());
    }

    /** Puts every entry of the bundle into {@code context.getOutputContainer()}. */
    private void render(Object context) throws ReflectiveOperationException {
      Object output = context.getClass().getMethod("getOutputContainer").invoke(context);
      Method putData = output.getClass().getMethod("putData", String.class, Object.class);
      try {
        // JSON content goes in as plain maps and lists, which every kernel's Gson writes as a JSON
        // object in the message.
        for (Map.Entry<String, Object> entry : bundle.asMap().entrySet()) {
          putData.invoke(output, entry.getKey(), entry.getValue());
        }
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw e;
      }
    }
  }
}
