// How the browser tools start Debian's Chromium: never a downloaded browser, never a network call
// of Chromium's own (the machines here refuse them, many at a time).
import { existsSync } from 'node:fs';

/** Chromium's command-line switches for headless runs as root on a closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu',
  '--no-first-run', '--disable-dev-shm-usage'];

/** Returns the Chromium to drive ($CHROMIUM, else /usr/bin/chromium); throws if it is missing. */
export function chromiumPath() {
  const path = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`no Chromium at ${path} (set CHROMIUM, or apt-get install chromium)`);
  }
  return path;
}
