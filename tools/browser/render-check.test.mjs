// Tests of render-check.mjs: run with `node --test tools/browser/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'render-check.mjs');
const demo = join(here, '..', '..', 'lib', 'charts', 'target', 'charts-demo.html');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

function run(...args) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 120_000 });
}

test('a missing file is a usage error with exit code 2', () => {
  const result = run('/nonexistent/page.html', '--expect-plots', '1');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no such file/);
});

test('an unknown option is a usage error that prints the usage', () => {
  const result = run('page.html', '--bogus');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /usage: render-check\.mjs/);
});

test('fewer plots than expected fails with a clear message and still writes the screenshot',
  { skip: !existsSync(chromium) && `no Chromium at ${chromium}` }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-check-'));
    try {
      const page = join(dir, 'empty.html');
      const shot = join(dir, 'shots', 'empty.png');
      // A page that wants the network: offline, its script must be blocked, not fetched.
      writeFileSync(page, '<!DOCTYPE html><p>no plots</p><script src="https://cdn.plot.ly/plotly-latest.min.js"></script>');
      const result = run(page, '--expect-plots', '1', '--offline', '--timeout', '5', '--screenshot', shot);
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(result.stderr, /only 0 of 1 expected Plotly plots rendered/);
      assert.match(result.stdout, /blocked request https:\/\/cdn\.plot\.ly/);
      assert.ok(existsSync(shot));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('the charts demo page renders all its plots with networking disabled', {
  skip: (!existsSync(chromium) && `no Chromium at ${chromium}`)
    || (!existsSync(demo) && 'no demo page: run the charts tests (mvn -pl charts test) first'),
}, () => {
  const result = run(demo, '--expect-plots', '8', '--offline');
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /8 Plotly plot\(s\) rendered/);
});
