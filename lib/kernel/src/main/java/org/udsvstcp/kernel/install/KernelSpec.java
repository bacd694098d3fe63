package org.udsvstcp.kernel.install;

import java.util.List;
import java.util.stream.Collectors;

/** The kernel.json of this kernel, which Jupyter reads to start it. */
final class KernelSpec {

  private KernelSpec() {}

  /** Returns kernel.json for a kernel started by {@code argv}, with IJava's name and language. */
  static String json(List<String> argv) {
    String args = argv.stream().map(KernelSpec::quote).collect(Collectors.joining(",\n    "));
    return """
        {
          "argv": [
            %s
          ],
          "display_name": "Java",
          "language": "java",
          "interrupt_mode": "message",
          "env": {},
          "metadata": {"debugger": false}
        }
        """
        .formatted(args);
  }

  /** Returns {@code text} as a JSON string literal. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
