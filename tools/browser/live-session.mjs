#!/usr/bin/env node
// Drives a running classic Jupyter Notebook server (6.x) the way a reader does: opens a notebook in
// headless Chromium, picks the kernel if the server asks, runs every cell through the Cell menu,
// waits until the kernel is idle and every cell is numbered, writes a screenshot, and prints on
// stdout one JSON line describing what the page shows (each code cell's prompt and output text).
//
//   node tools/browser/live-session.mjs --server http://127.0.0.1:PORT --token TOKEN
//        --notebook PATH [--kernel NAME] [--screenshot OUT.png] [--focus TEXT] [--expect-plots N]
//        [--user-data-dir DIR] [--timeout SECONDS]
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
  'usage: live-session.mjs --server URL --token TOKEN --notebook PATH [--kernel NAME] ' +
  '[--screenshot OUT.png] [--focus TEXT] [--expect-plots N] [--user-data-dir DIR] [--timeout SECONDS]';

function parseArgs(argv) {
  const options = {
    server: null, token: null, notebook: null, kernel: 'java', screenshot: null, focus: null,
    expectPlots: 0, userDataDir: null, timeout: 300,
  };
  walkArgs(argv, (arg, { value, count }) => {
    switch (arg) {
      case '--server': options.server = value().replace(/\/+$/, ''); break;
      case '--token': options.token = value(); break;
      case '--notebook': options.notebook = value(); break;
      case '--kernel': options.kernel = value(); break;
      case '--screenshot': options.screenshot = value(); break;
      case '--focus': options.focus = value(); break;
      case '--expect-plots': options.expectPlots = count(); break;
      case '--user-data-dir': options.userDataDir = value(); break;
      case '--timeout': options.timeout = count(); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unexpected argument ${arg}`);
    }
  });
  for (const required of ['server', 'token', 'notebook']) {
    if (!options[required]) throw new Error(`--${required} is required`);
  }
  const host = new URL(options.server).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`--server must be on loopback, not ${host}`);
  return options;
}

const log = (message) => console.error(`live-session: ${message}`);

// What the notebook page shows: the kernel indicator, any modal dialog, and each code cell's prompt.
function pageState() {
  const icon = document.querySelector('#kernel_indicator_icon');
  const modal = document.querySelector('.modal.in .modal-dialog');
  const prompts = [...document.querySelectorAll('#notebook-container .code_cell .input_prompt')]
    .map((p) => p.innerText.replace(/\s+/g, ' ').trim());
  return {
    kernel: icon ? icon.className : '',
    kernelName: (document.querySelector('.kernel_indicator_name') || {}).innerText || '',
    modal: modal ? modal.innerText.trim() : null,
    prompts,
  };
}

// Each code cell as a reader sees it: prompt, first source line, output text, error outputs, plots.
function cellReport() {
  return [...document.querySelectorAll('#notebook-container .code_cell')].map((cell, index) => {
    const prompt = (cell.querySelector('.input_prompt') || {}).innerText || '';
    const number = /\[(\d+)\]/.exec(prompt);
    const source = [...cell.querySelectorAll('.CodeMirror-line')].map((l) => l.innerText).join('\n');
    const outputs = cell.querySelector('.output_wrapper .output');
    return {
      index,
      prompt: prompt.replace(/\s+/g, ' ').trim(),
      execution_count: number ? Number(number[1]) : null,
      source,
      output: outputs ? outputs.innerText : '',
      errors: [...cell.querySelectorAll('.output_error')].map((e) => e.innerText),
      stderr: [...cell.querySelectorAll('.output_stderr')].map((e) => e.innerText),
      plots: [...cell.querySelectorAll('.js-plotly-plot')]
        .filter((p) => p.querySelector('.main-svg') && p.data && p.data.length > 0).length,
    };
  });
}

async function until(page, what, deadline, check) {
  for (;;) {
    const state = await page.evaluate(pageState);
    const verdict = await check(state);
    if (verdict) return state;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(state)}`);
    }
    await page.waitForTimeout(250);
  }
}

// Answers the "Kernel not found" dialog by picking the wanted kernel, as a reader would.
async function answerKernelDialog(page, kernel) {
  const dialog = page.locator('.modal.in .modal-dialog');
  const select = dialog.locator('select');
  if (await select.count() === 0) return false;
  await select.selectOption(kernel);
  await dialog.getByRole('button', { name: 'Set Kernel' }).click();
  log(`the server asked for a kernel: picked ${kernel}`);
  return true;
}

async function run(options) {
  const executablePath = chromiumPath();
  const deadline = Date.now() + options.timeout * 1000;
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir || mkdtempSync(join(tmpdir(), 'live-session-'));
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
    page.on('pageerror', (e) => errors.push(String(e.message || e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('dialog', (d) => d.dismiss()); // e.g. "leave page?" on close: never wait for a person

    const path = options.notebook.split('/').map(encodeURIComponent).join('/');
    const url = `${options.server}/notebooks/${path}?token=${encodeURIComponent(options.token)}`;
    log(`opening ${options.server}/notebooks/${path}`);
    await page.goto(url, { waitUntil: 'load' });

    // The kernel starts (or the server asks which one to start); wait until it is idle.
    await until(page, 'an idle kernel', deadline, async (state) => {
      if (state.modal && /Kernel not found/i.test(state.modal)) await answerKernelDialog(page, options.kernel);
      return state.kernel === 'kernel_idle_icon' && state.prompts.length > 0;
    });

    // Cell > Run All, through the menu bar.
    const started = Date.now();
    await page.click('#celllink');
    await page.click('#run_all_cells > a');
    log('Cell > Run All');
    const finished = await until(page, 'every cell to run', deadline, async (state) => {
      if (state.kernel.includes('dead') || state.kernel.includes('disconnected')) {
        throw new Error(`the kernel died (${state.kernel})`);
      }
      // Queued cells show In [*]; once none does and the kernel is idle, the run is over (a cell that
      // failed stops the rest, which then keep an empty prompt: the report shows which).
      return state.kernel === 'kernel_idle_icon' && !state.prompts.some((p) => p.includes('*'));
    });
    const seconds = (Date.now() - started) / 1000;
    const ran = finished.prompts.filter((p) => /\[\d+\]/.test(p)).length;
    log(`${ran} of ${finished.prompts.length} code cells ran in ${seconds.toFixed(1)} s`);

    if (options.expectPlots > 0) {
      try {
        await page.waitForFunction(
          (n) => [...document.querySelectorAll('.js-plotly-plot')]
            .filter((el) => el.querySelector('.main-svg') && el.data && el.data.length > 0).length >= n,
          options.expectPlots, { timeout: Math.max(1000, deadline - Date.now()), polling: 250 });
      } catch (e) {
        // Fall through: the report says how many did render.
      }
    }
    const cells = await page.evaluate(cellReport);
    const images = await page.evaluate(() => [...document.querySelectorAll('#notebook-container img')]
      .map((img) => ({ src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 })));

    if (options.screenshot) {
      // The notebook scrolls inside its own container; bring the cell worth seeing to the top.
      await page.evaluate((focus) => {
        const cells = [...document.querySelectorAll('#notebook-container .code_cell')];
        const target = focus
          ? cells.find((c) => (c.querySelector('.output_wrapper') || { innerText: '' }).innerText.includes(focus))
          : cells.find((c) => c.querySelector('.js-plotly-plot'));
        if (target) target.scrollIntoView({ block: 'start' });
      }, options.focus);
      mkdirSync(dirname(resolve(options.screenshot)), { recursive: true });
      await page.screenshot({ path: options.screenshot });
    }
    return {
      notebook: options.notebook,
      kernel_name: finished.kernelName.trim(),
      seconds,
      cells,
      plots: cells.reduce((sum, c) => sum + c.plots, 0),
      images,
      page_errors: errors,
      blocked: [...new Set(blocked)],
      screenshot: options.screenshot,
    };
  } finally {
    await context.close();
    if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`live-session: ${e.message}\n${USAGE}`);
    return 2;
  }
  try {
    const report = await run(options);
    console.log(JSON.stringify(report));
    return 0;
  } catch (e) {
    console.error(`live-session: FAILED: ${e.message}`);
    return 1;
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`live-session: ${e.stack || e}`);
  process.exit(2);
});
