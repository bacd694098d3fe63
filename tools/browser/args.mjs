// Command-line walking shared by the browser tools: each argument is handed to `handle` with
// readers for the value that follows it, so every tool reports a missing or bad value the same way.

/**
 * Calls handle(arg, { value, count }) for each argument in turn: value() takes the next argument
 * as the value of `arg`, count() takes it as a whole number >= 0; both throw naming `arg`.
 */
export function walkArgs(argv, handle) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} needs a whole number`);
      return n;
    };
    handle(arg, { value, count });
  }
}
