// Tests of jupyter-session.mjs that need no Jupyter server (tests/browser/test_jupyter_ui.py drives
// real ones): run with `node --test tools/browser/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notebookUrl, parseArgs } from './jupyter-session.mjs';

const script = join(dirname(fileURLToPath(import.meta.url)), 'jupyter-session.mjs');

function run(...args) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 30_000 });
}

test('without a server, token and notebook it is a usage error with exit code 2', () => {
  const result = run('--notebook', 'notebooks/01-uds-vs-tcp.ipynb');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--server is required/);
  assert.match(result.stderr, /usage: jupyter-session\.mjs/);
});

test('a server that is not on loopback is refused before any browser starts', () => {
  const result = run('--server', 'http://192.0.2.10:8888', '--token', 't', '--notebook', 'a.ipynb');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /must be on loopback, not 192\.0\.2\.10/);
});

test('only JupyterLab and Notebook 7 pages are known', () => {
  assert.throws(() => parseArgs(['--server', 'http://127.0.0.1:1', '--token', 't', '--notebook', 'a.ipynb',
    '--ui', 'classic']), /--ui must be lab or notebook, not classic/);
});

test('a negative timeout is a usage error', () => {
  const result = run('--server', 'http://127.0.0.1:1', '--token', 't', '--notebook', 'a.ipynb', '--timeout', '-1');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--timeout needs a whole number/);
});

test('JupyterLab opens a notebook under /lab/tree, Notebook 7 under /notebooks, each path part encoded', () => {
  assert.equal(notebookUrl('http://127.0.0.1:9', 'lab', 'notebooks/01 a.ipynb', 't&k'),
    'http://127.0.0.1:9/lab/tree/notebooks/01%20a.ipynb?token=t%26k');
  assert.equal(notebookUrl('http://127.0.0.1:9', 'notebook', 'notebooks/02.ipynb', 't'),
    'http://127.0.0.1:9/notebooks/notebooks/02.ipynb?token=t');
});
