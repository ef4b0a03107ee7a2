// Where an edit's time goes on a large plan (a report, not a test): the V8 sampling
// profiler over 20 edits of a bucket's stored data on a plan of N of the heaviest
// buckets (default 200), time per edit by function, inclusive and self. The release
// build's wasm has no names (wasm-opt drops them), so this serves a copy of dist/
// whose wasm is wasm-bindgen's output of the linker's wasm, names kept, not optimized
// (the figures are a little slower than the release build's).
// Usage: trunk build --release --offline && [PROFILE_OUT=edit.cpuprofile] [SETTLE_MS=500] [SHEET=aws-list-2026] node tests/browser/profile_edit.mjs [N]
// (SHEET: the price sheet the plan is priced with; the app's default without it.)
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { timeStoredDataEdits, twoHundredComponentPlan } from './specs/helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-profile-'));
fs.cpSync(path.join(root, 'dist'), dist, { recursive: true });
const glue = fs.readdirSync(dist).find((f) => /^drplan-web-.*\.js$/.test(f));
execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-debug', '--out-name', glue.replace(/\.js$/, ''), '--out-dir', dist,
  path.join(root, 'target', 'wasm32-unknown-unknown', 'web', 'drplan-web.wasm')]);
// The wasm differs from the one trunk hashed (the minified index.html leaves the
// attribute's value unquoted).
const index = path.join(dist, 'index.html');
fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(/ integrity=("[^"]*"|[^\s>]+)/g, ''));
const n = Number(process.argv[2] || 200);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = http.createServer((req, res) => {
  const name = new URL(req.url, 'http://x').pathname;
  const file = path.join(dist, name === '/' ? 'index.html' : name);
  if (!file.startsWith(dist) || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.getByTestId('total-monthly-cost').waitFor();
const plan = twoHundredComponentPlan();
plan.components = plan.components.slice(0, n);
if (process.env.SHEET) plan.pricing = { ...plan.pricing, sheet: process.env.SHEET };
await page.evaluate((json) => localStorage.setItem('drplan.plan.v1', json), JSON.stringify(plan));
await page.reload();
await page.getByTestId('total-monthly-cost').waitFor({ timeout: 60000 });
await page.getByTestId(`open-${plan.components[0].id}`).click();
await page.waitForTimeout(500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const { toTotal: times } = await page.evaluate(timeStoredDataEdits, 20);
// SETTLE_MS=500 keeps profiling after the burst: the work typing's pause sets off (the
// other price sheet's total, the fix list's answer) is then in the figures too.
await page.waitForTimeout(Number(process.env.SETTLE_MS || 0));
const { profile } = await cdp.send('Profiler.stop');
// PROFILE_OUT=file.cpuprofile keeps the whole profile (Chromium DevTools opens it).
if (process.env.PROFILE_OUT) fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
await browser.close();
server.close();
fs.rmSync(dist, { recursive: true, force: true });
// Self time per node, from the samples and their time deltas.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
profile.samples.forEach((id, i) => { const node = byId.get(id); self.set(id, (self.get(id) || 0) + (profile.timeDeltas[i] || 0)); });
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children || []) parent.set(c, node.id);
const selfByName = new Map();
const totalByName = new Map();
for (const [id, us] of self) {
  const name = byId.get(id).callFrame.functionName || '(anonymous)';
  selfByName.set(name, (selfByName.get(name) || 0) + us);
  // Inclusive time: every distinct name on the stack once.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const nm = byId.get(at).callFrame.functionName || '(anonymous)';
    if (!seen.has(nm)) { seen.add(nm); totalByName.set(nm, (totalByName.get(nm) || 0) + us); }
  }
}
const ms = (us) => (us / 1000 / 20).toFixed(2).padStart(8);
console.log(`${n} components, 20 edits: edit → total p50 ${[...times].sort((a, b) => a - b)[10].toFixed(1)} ms`);
console.log('inclusive ms per edit:');
for (const [name, us] of [...totalByName].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP || 60))) console.log(ms(us), name.slice(0, 140));
console.log('self ms per edit:');
for (const [name, us] of [...selfByName].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(ms(us), name.slice(0, 140));
