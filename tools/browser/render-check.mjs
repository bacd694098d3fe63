#!/usr/bin/env node
// Opens a local HTML file (an exported notebook or a chart page) in headless Chromium,
// optionally with every non-file request refused, waits for its Plotly plots to render,
// counts them, writes a screenshot, and exits non-zero when fewer plots rendered than expected.
//
//   node tools/browser/render-check.mjs FILE.html [--screenshot OUT.png] [--expect-plots N]
//        [--expect-images N] [--offline] [--timeout SECONDS]
//
// Drives the system's Chromium (CHROMIUM, default /usr/bin/chromium); it never downloads one.
import { chromium } from 'playwright-core';
import { walkArgs } from './args.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const USAGE =
  'usage: render-check.mjs FILE.html [--screenshot OUT.png] [--expect-plots N] ' +
  '[--expect-images N] [--offline] [--timeout SECONDS]';

function parseArgs(argv) {
  const options = { file: null, screenshot: null, expectPlots: 0, expectImages: 0, offline: false, timeout: 60 };
  walkArgs(argv, (arg, { value, count }) => {
    switch (arg) {
      case '--screenshot': options.screenshot = value(); break;
      case '--expect-plots': options.expectPlots = count(); break;
      case '--expect-images': options.expectImages = count(); break;
      case '--timeout': options.timeout = count(); break;
      case '--offline': options.offline = true; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default:
        if (arg.startsWith('--') || options.file) throw new Error(`unexpected argument ${arg}`);
        options.file = arg;
    }
  });
  if (!options.file) throw new Error('no HTML file given');
  return options;
}

// Counts what rendered: Plotly plots with an SVG and data, our plots that gave up, loaded images.
function census() {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const rendered = plots.filter((el) => el.querySelector('.main-svg') && el.data && el.data.length > 0);
  const failed = [...document.querySelectorAll('.udsvstcp-plot')]
    .filter((el) => !el.classList.contains('js-plotly-plot') && el.textContent.trim() !== '')
    .map((el) => el.textContent.trim());
  const images = [...document.images].filter((img) => img.complete && img.naturalWidth > 0).length;
  return { plots: plots.length, rendered: rendered.length, failed, images };
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`render-check: ${e.message}\n${USAGE}`);
    return 2;
  }
  const file = resolve(options.file);
  if (!existsSync(file)) {
    console.error(`render-check: no such file: ${file}`);
    return 2;
  }
  let executablePath;
  try {
    executablePath = chromiumPath();
  } catch (error) {
    console.error(`render-check: ${error.message}`);
    return 2;
  }

  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const blocked = [];
    if (options.offline) {
      // Only the file itself (and files beside it) may load: a report must carry everything it needs.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        blocked.push(url);
        return route.abort('internetdisconnected');
      });
      await context.setOffline(true);
    }
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message || e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

    const deadline = options.timeout * 1000;
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: deadline });
    if (options.expectPlots > 0) {
      try {
        await page.waitForFunction(
          (n) => [...document.querySelectorAll('.js-plotly-plot')]
            .filter((el) => el.querySelector('.main-svg') && el.data && el.data.length > 0).length >= n,
          options.expectPlots, { timeout: deadline, polling: 250 });
      } catch (e) {
        // Fall through: the census below reports what did render.
      }
    }
    await page.evaluate(() => document.fonts.ready);
    const seen = await page.evaluate(census);

    if (options.screenshot) {
      mkdirSync(dirname(resolve(options.screenshot)), { recursive: true });
      await page.screenshot({ path: options.screenshot, fullPage: true });
    }

    const where = options.offline ? ' with networking disabled' : '';
    console.log(`render-check: ${options.file}${where}: ${seen.rendered} Plotly plot(s) rendered` +
      ` (expected ${options.expectPlots}), ${seen.images} image(s) loaded` +
      (options.screenshot ? `; screenshot ${options.screenshot}` : ''));
    for (const url of [...new Set(blocked)]) console.log(`render-check: blocked request ${url}`);
    for (const error of errors) console.log(`render-check: page error: ${error}`);
    for (const message of seen.failed) console.log(`render-check: plot not drawn: ${message}`);

    let ok = true;
    if (seen.rendered < options.expectPlots) {
      console.error(`render-check: FAILED: only ${seen.rendered} of ${options.expectPlots} expected Plotly plots rendered`);
      ok = false;
    }
    if (seen.images < options.expectImages) {
      console.error(`render-check: FAILED: only ${seen.images} of ${options.expectImages} expected images loaded`);
      ok = false;
    }
    return ok ? 0 : 1;
  } finally {
    await browser.close();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`render-check: ${e.stack || e}`);
  process.exit(2);
});
