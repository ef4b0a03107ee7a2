// Browser tests: serves the release build (dist/) on 127.0.0.1 and drives Debian's
// Chromium with playwright-core. Each spec module exports `tests`: [{ name, run(ctx) }].
// Prints one line per test and a closing "N passed, N failed" line.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = path.join(root, 'dist');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(dist, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The core's own figures, from the CLI, so the browser is checked against the engine.
function cli(...args) {
  const bin = path.join(root, 'target', 'debug', process.platform === 'win32' ? 'drplan.exe' : 'drplan');
  return execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let passed = 0, failed = 0;
const only = process.argv[2];
const specs = fs.readdirSync(path.join(here, 'specs')).filter((f) => f.endsWith('.mjs') && f !== 'helpers.mjs').sort();
for (const spec of specs) {
  const { tests } = await import(path.join(here, 'specs', spec));
  for (const t of tests) {
    if (only && !`${spec} › ${t.name}`.includes(only)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // The app's errors on the console (a panic's message and place among them), shown
    // when the test fails: a page error alone reads "RuntimeError: unreachable".
    const consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 2000));
      if (process.env.CONSOLE) console.log('console:', m.text().slice(0, 2000));
    });
    const started = Date.now();
    try {
      await t.run({ page, context, browser, base, cli, screenshot: (name) => page.screenshot({ path: path.join(here, 'screenshots', `${name}.png`), fullPage: true }), errors });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      passed++;
      console.log(`ok   ${spec} › ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${spec} › ${t.name}: ${e.stack || e}`);
      for (const message of consoleErrors) console.log(`     console error: ${message}`);
      await page.screenshot({ path: path.join(here, 'screenshots', `FAILED-${t.name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    }
    await context.close();
  }
}
await browser.close();
server.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
