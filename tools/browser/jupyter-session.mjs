#!/usr/bin/env node
// Drives a running JupyterLab 4 or Notebook 7 server the way a reader does: opens a notebook in
// headless Chromium, waits for its kernel, runs every cell through the menu bar (Run > Run All
// Cells), watches the progress bars while the cells run, waits until the kernel is idle and no cell
// is queued, writes a screenshot, and prints on stdout one JSON line describing what the page
// shows (each code cell's prompt, output text, errors, plots and fallback tables, and the
// notifications the page showed meanwhile).
// With --open-only it runs nothing: it opens the notebook and reports what its saved outputs show
// (with --expect-plots N, once N plots are drawn or a minute and a half has passed).
// With --reopen it then saves the notebook (File > Save), closes its tab, opens it again and
// reports what every plot output shows now (the plot, or its fallback table, or nothing).
//
//   node tools/browser/jupyter-session.mjs --server http://127.0.0.1:PORT --token TOKEN
//        --notebook PATH [--ui lab|notebook] [--screenshot OUT.png] [--focus TEXT]
//        [--expect-plots N] [--open-only] [--reopen] [--user-data-dir DIR] [--timeout SECONDS]
//
// Only the server's own origin may load: every other request is refused and listed in the report.
// Drives the system's Chromium (CHROMIUM, default /usr/bin/chromium); it never downloads one.
import { chromium } from 'playwright-core';
import { walkArgs } from './args.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const USAGE =
  'usage: jupyter-session.mjs --server URL --token TOKEN --notebook PATH [--ui lab|notebook] ' +
  '[--screenshot OUT.png] [--focus TEXT] [--expect-plots N] [--open-only] [--reopen] [--user-data-dir DIR] ' +
  '[--timeout SECONDS]';

export function parseArgs(argv) {
  const options = {
    server: null, token: null, notebook: null, ui: 'lab', screenshot: null, focus: null,
    expectPlots: 0, openOnly: false, reopen: false, userDataDir: null, timeout: 300,
  };
  walkArgs(argv, (arg, { value, count }) => {
    switch (arg) {
      case '--server': options.server = value().replace(/\/+$/, ''); break;
      case '--token': options.token = value(); break;
      case '--notebook': options.notebook = value(); break;
      case '--ui': options.ui = value(); break;
      case '--screenshot': options.screenshot = value(); break;
      case '--focus': options.focus = value(); break;
      case '--expect-plots': options.expectPlots = count(); break;
      case '--open-only': options.openOnly = true; break;
      case '--reopen': options.reopen = true; break;
      case '--user-data-dir': options.userDataDir = value(); break;
      case '--timeout': options.timeout = count(); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unexpected argument ${arg}`);
    }
  });
  for (const required of ['server', 'token', 'notebook']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  if (!['lab', 'notebook'].includes(options.ui)) throw new Error(`--ui must be lab or notebook, not ${options.ui}`);
  const host = new URL(options.server).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`--server must be on loopback, not ${host}`);
  return options;
}

const log = (message) => console.error(`jupyter-session: ${message}`);

/** The page of a notebook: JupyterLab's /lab/tree/PATH or Notebook 7's /notebooks/PATH. */
export function notebookUrl(server, ui, notebook, token) {
  const path = notebook.split('/').map(encodeURIComponent).join('/');
  const route = ui === 'lab' ? 'lab/tree' : 'notebooks';
  return `${server}/${route}/${path}?token=${encodeURIComponent(token)}`;
}

// The code cells' prompts of the notebook in view ("[3]:", "[*]:", "[ ]:").
function prompts() {
  return [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
    .map((p) => p.innerText.replace(/\s+/g, ' ').trim());
}

// What every progress bar of the page says now (the charts library's udsvstcp-progress element).
function progressTexts() {
  return [...document.querySelectorAll('.udsvstcp-progress')].map((p) => p.innerText.trim());
}

// Each code cell as a reader sees it: prompt, source, output text, error outputs, plots, fallbacks.
// A plot is one of two outputs: Plotly's JSON (application/vnd.plotly.v1+json) drawn by the
// jupyterlab-plotly extension, trusted or not (kind "plotly-json"), or the charts library's HTML
// (a udsvstcp-figure element), whose script draws only in a trusted notebook (kind "html").
function cellReport() {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const describe = (kind, box, plot, fallback, image) => {
    const title = plot && plot.querySelector('.gtitle');
    return {
      kind,
      svgs: plot ? plot.querySelectorAll('svg.main-svg').length : 0,
      traces: plot && plot.data ? plot.data.length : 0,
      plotHeight: plot ? Math.round(plot.getBoundingClientRect().height) : 0,
      title: title ? title.textContent : '',
      axisTitles: plot ? [...plot.querySelectorAll('.g-xtitle, .g-ytitle')].map((t) => t.textContent) : [],
      // the extension shows a PNG it saved with the output until the pointer comes near
      image: !!image && image.style.display !== 'none' && image.complete && image.naturalWidth > 0,
      fallbackShown: !!fallback && fallback.offsetHeight > 0 && getComputedStyle(fallback).display !== 'none',
      fallbackRows: fallback ? fallback.querySelectorAll('tr').length : 0,
      height: Math.round(box.getBoundingClientRect().height),
      trusted: !!box.closest('.jp-mod-trusted'),
    };
  };
  return [...panel.querySelectorAll('.jp-CodeCell')].map((cell, index) => {
    const prompt = (cell.querySelector('.jp-InputPrompt') || {}).innerText || '';
    const number = /\[(\d+)\]/.exec(prompt);
    const editor = cell.querySelector('.cm-content');
    const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')];
    // The extension's renderer node is the output itself (it carries no data-mime-type).
    const figures = [...cell.querySelectorAll('.jp-RenderedPlotly, .udsvstcp-figure')].map((node) =>
      node.classList.contains('jp-RenderedPlotly')
        ? describe('plotly-json', node, node.classList.contains('js-plotly-plot') ? node : null, null,
          node.querySelector('img.plot-img'))
        : describe('html', node, node.querySelector('.js-plotly-plot'), node.querySelector('.udsvstcp-fallback'), null));
    return {
      index,
      prompt: prompt.replace(/\s+/g, ' ').trim(),
      execution_count: number ? Number(number[1]) : null,
      source: editor ? editor.innerText : '',
      output: outputs.map((o) => o.innerText).join('\n'),
      // JupyterLab 4 and Notebook 7 render error outputs (tracebacks) with the stderr MIME type too:
      // `stderr` holds both; `errors` any output rendered as an error proper.
      errors: [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')]
        .map((e) => e.innerText),
      stderr: [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map((e) => e.innerText),
      figures,
    };
  });
}

// The notifications (toasts) the page shows now, e.g. JupyterLab's question about Jupyter news.
function notifications() {
  return [...document.querySelectorAll('.Toastify__toast, .jp-Notification-Toast')]
    .map((t) => t.innerText.replace(/\s+/g, ' ').trim());
}

// A figure counts as drawn when Plotly made its SVG and holds its data; as shown, when drawn or
// shown as the picture the extension saved with it.
const isDrawn = (f) => f.svgs > 0 && f.traces > 0;
const isShown = (f) => isDrawn(f) || f.image;

// The kernel of this notebook's session (the server may run others: notebooks opened before).
async function kernel(options) {
  const response = await fetch(`${options.server}/api/sessions?token=${encodeURIComponent(options.token)}`);
  if (!response.ok) throw new Error(`GET /api/sessions: ${response.status}`);
  const session = (await response.json()).find((s) => s.path === options.notebook);
  return session ? session.kernel : null;
}

// Polls check() until it returns something truthy; fails naming what it waited for.
async function until(what, deadline, check, every = 250) {
  let last;
  for (;;) {
    last = await check();
    if (last && last.done) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

// Clicks a menu bar entry, then its item for a command (e.g. runmenu:run-all), as a reader does.
async function menu(page, title, command) {
  await page.locator('.lm-MenuBar-item', { hasText: new RegExp(`^${title}$`) }).first().click();
  await page.locator(`.lm-Menu-item[data-command="${command}"]:visible`).first().click({ timeout: 10_000 });
}

async function waitForKernel(page, options, deadline) {
  return until('the notebook and an idle kernel', deadline, async () => {
    const shown = await page.evaluate(prompts);
    const own = await kernel(options);
    const idle = own && own.execution_state === 'idle';
    const name = await page.evaluate(() => {
      const el = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelName, .jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar-kernelName');
      return el ? el.innerText.trim() : '';
    });
    return { done: idle && shown.length > 0 && name && !/No Kernel|Kernel$/.test(name) && name, shown: shown.length, kernel: own, name };
  });
}

async function openNotebook(page, options, deadline) {
  const url = notebookUrl(options.server, options.ui, options.notebook, options.token);
  log(`opening ${url.replace(/\?token=.*/, '')}`);
  await page.goto(url, { waitUntil: 'load' });
  const state = await waitForKernel(page, options, Math.min(deadline, Date.now() + 120_000));
  return state.name;
}

async function run(options) {
  const executablePath = chromiumPath();
  const deadline = Date.now() + options.timeout * 1000;
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir || mkdtempSync(join(tmpdir(), 'jupyter-session-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: CHROMIUM_ARGS,
  });
  try {
    const origin = new URL(options.server).origin;
    const blocked = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(Math.max(1000, deadline - Date.now()));
    const errors = [];
    page.on('pageerror', (e) => errors.push({ kind: 'pageerror', text: String(e.message || e), stack: String(e.stack || '').split('\n').slice(0, 4).join(' / ') }));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push({ kind: 'console', text: m.text(), url: (m.location() || {}).url || '' });
    });
    page.on('requestfailed', (r) => {
      const failure = (r.failure() || {}).errorText || '';
      // blocked: listed apart; aborted: superseded by the page itself (e.g. an image URL it rewrote)
      if (!['net::ERR_BLOCKED_BY_CLIENT', 'net::ERR_ABORTED'].includes(failure)) errors.push({ kind: 'requestfailed', text: `${failure} ${r.url()}` });
    });
    page.on('dialog', (d) => d.dismiss()); // e.g. "leave page?": never wait for a person

    const kernelName = await openNotebook(page, options, deadline);
    log(`kernel ${kernelName} is idle`);

    const started = Date.now();
    const drawn = async (test = isDrawn) => (await page.evaluate(cellReport)).flatMap((c) => c.figures).filter(test).length;
    const seen = new Set();
    const notice = async () => { for (const text of await page.evaluate(notifications)) seen.add(text); };
    if (options.openOnly) {
      await page.waitForTimeout(3000); // the outputs' scripts, if the notebook is trusted
      if (options.expectPlots > 0) {
        // the extension loads its Plotly once, then draws every output
        await until(`${options.expectPlots} plots`, Math.min(deadline, Date.now() + 90_000), async () => {
          await notice();
          return { done: (await drawn(isShown)) >= options.expectPlots, shown: await drawn(isShown) };
        }).catch(() => {});
      }
      await notice();
      const cells = await page.evaluate(cellReport);
      if (options.screenshot) await screenshot(page, options.screenshot, options.focus);
      return {
        notebook: options.notebook, ui: options.ui, kernel_name: kernelName, seconds: (Date.now() - started) / 1000, cells,
        figures: cells.flatMap((c) => c.figures), plots: cells.flatMap((c) => c.figures).filter(isDrawn).length,
        trusted: await trusted(page), images: await images(page), notifications: [...seen],
        page_errors: errors,
        blocked: [...new Set(blocked)], screenshot: options.screenshot,
      };
    }
    await menu(page, 'Run', 'runmenu:run-all');
    log('Run > Run All Cells');
    // While the cells run: every distinct progress text seen, polled often (the bars move quickly).
    const progress = new Set();
    let sawBusy = false;
    const finished = await until('every cell to run', deadline, async () => {
      for (const text of await page.evaluate(progressTexts)) progress.add(text);
      await notice();
      const shown = await page.evaluate(prompts);
      const own = await kernel(options);
      if (!own || own.execution_state === 'dead') throw new Error(`the kernel died (${JSON.stringify(own)})`);
      const busy = own.execution_state !== 'idle';
      sawBusy ||= busy || shown.some((p) => p.includes('*'));
      // Queued cells show [*]; once none does and the kernel is idle, the run is over (a failing cell
      // stops the rest, which keep an empty prompt: the report shows which).
      return { done: sawBusy && !busy && !shown.some((p) => p.includes('*')), shown };
    }, 100);
    const seconds = (Date.now() - started) / 1000;
    const ran = finished.shown.filter((p) => /\[\d+\]/.test(p)).length;
    log(`${ran} of ${finished.shown.length} code cells ran in ${seconds.toFixed(1)} s`);

    if (options.expectPlots > 0) {
      await until(`${options.expectPlots} plots`, Math.min(deadline, Date.now() + 60_000), async () =>
        ({ done: (await drawn()) >= options.expectPlots, drawn: await drawn() })).catch(() => {});
    }
    await notice();
    const cells = await page.evaluate(cellReport);
    if (options.screenshot) await screenshot(page, options.screenshot, options.focus);

    const report = {
      notebook: options.notebook,
      ui: options.ui,
      kernel_name: kernelName,
      seconds,
      cells,
      plots: cells.flatMap((c) => c.figures).filter(isDrawn).length,
      svgs: cells.flatMap((c) => c.figures).reduce((sum, f) => sum + f.svgs, 0),
      progress: [...progress],
      images: await images(page),
      notifications: [...seen],
      page_errors: errors,
      blocked: [],
      screenshot: options.screenshot,
    };

    if (options.reopen) {
      await menu(page, 'File', 'docmanager:save');
      await until('the save', deadline, async () => ({
        done: await page.evaluate(() => !document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-mod-dirty, .lm-TabBar-tab.jp-mod-dirty')),
      }));
      log('File > Save');
      if (options.ui === 'lab') await menu(page, 'File', 'application:close');
      await page.goto('about:blank');
      await openNotebook(page, options, deadline);
      // Give the outputs' scripts (if the notebook is trusted) the time they took before, and the
      // extension its Plotly.
      await page.waitForTimeout(3000);
      if (options.expectPlots > 0) {
        await until(`${options.expectPlots} plots again`, Math.min(deadline, Date.now() + 60_000), async () =>
          ({ done: (await drawn(isShown)) >= options.expectPlots, shown: await drawn(isShown) })).catch(() => {});
      }
      const again = await page.evaluate(cellReport);
      report.reopened = {
        figures: again.flatMap((c) => c.figures),
        trusted: await trusted(page),
      };
      const shot = options.screenshot && options.screenshot.replace(/(\.png)?$/, '-reopened.png');
      if (shot) await screenshot(page, shot, null);
      report.reopened.screenshot = shot;
      log(`reopened: ${report.reopened.figures.length} plot outputs`);
    }
    report.blocked = [...new Set(blocked)];
    return report;
  } finally {
    await context.close();
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
  }
}

// Every image of the notebook in view, and whether it loaded.
async function images(page) {
  return page.evaluate(() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) img')]
    .map((img) => ({
      // a data: URL (the plots' saved pictures) by its start only
      src: (img.getAttribute('src') || '').replace(/^(data:[^,]{0,40},).+$/s, '$1...'),
      loaded: img.complete && img.naturalWidth > 0,
    })));
}

// Whether the notebook in view shows its rich outputs as trusted (JupyterLab marks each jp-mod-trusted).
async function trusted(page) {
  return page.evaluate(() => !!document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output.jp-mod-trusted'));
}

async function screenshot(page, path, focus) {
  // The notebook scrolls inside its own panel; bring the cell worth seeing into view.
  await page.evaluate((text) => {
    const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
    const target = text
      ? cells.find((c) => [...c.querySelectorAll('.jp-OutputArea-output')].some((o) => o.innerText.includes(text)))
      : cells.find((c) => c.querySelector('.udsvstcp-figure, .jp-RenderedPlotly'));
    if (target) target.scrollIntoView({ block: 'start' });
  }, focus);
  await page.waitForTimeout(500);
  mkdirSync(dirname(resolve(path)), { recursive: true });
  await page.screenshot({ path });
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`jupyter-session: ${e.message}\n${USAGE}`);
    return 2;
  }
  try {
    const report = JSON.stringify(await run(options));
    // Written in full before main's process.exit: a pipe takes a long line in parts.
    await new Promise((resolve, reject) => process.stdout.write(`${report}\n`, (e) => (e ? reject(e) : resolve())));
    return 0;
  } catch (e) {
    console.error(`jupyter-session: FAILED: ${e.stack || e.message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => process.exit(code), (e) => {
    console.error(`jupyter-session: ${e.stack || e}`);
    process.exit(2);
  });
}
