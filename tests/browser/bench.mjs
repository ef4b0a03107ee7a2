// Browser performance figures (a report, not a test): first-load bytes (gzip) per file,
// time to the first rendered total, and edit → updated-total latency (p50/p95; on the
// large plans also edit → the next frame rendered, what the typist sees) on the
// default plan and on bucket plans of 10 and 200 components (versioned, tiered,
// replicated, 120 months) and the slowest fix search the limits allow, with the
// longest main-thread task at load and during a typing burst while the fix search runs
// in its worker (PerformanceObserver 'longtask', the browser's own timing).
// Usage: trunk build --release --offline && node tests/browser/bench.mjs
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { slowFixSearchPlan, timeStoredDataEdits, twoHundredComponentPlan } from './specs/helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.DIST || path.resolve(here, '..', '..', 'dist'));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const gzipped = new Map();
const server = http.createServer((req, res) => {
  const file = path.join(dist, new URL(req.url, 'http://x').pathname === '/' ? 'index.html' : new URL(req.url, 'http://x').pathname);
  if (!file.startsWith(dist) || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
  // Serve gzip like any static host would, and count the bytes on the wire.
  let body = gzipped.get(file);
  if (!body) { body = zlib.gzipSync(fs.readFileSync(file), { level: 9 }); gzipped.set(file, body); }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': body.length });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

// Edits per plan: a p95 of 30 is the second-slowest edit, which one hiccup of this
// shared VM moves by several ms; 100 make it the sixth-slowest.
const EDITS = Number(process.env.EDITS || 100);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };

// First load: fresh context each run (no cache), bytes on the wire and time to the total.
const loads = [];
let wireBytes = 0;
let firstLoadFiles = new Map();
for (let run = 0; run < 7; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const t = document.querySelector('[data-testid="total-monthly-cost"]');
      if (t && t.textContent.startsWith('$')) { window.__firstTotalMs = performance.now(); observer.disconnect(); }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  let bytes = 0;
  const files = new Map();
  page.on('response', async (r) => {
    const len = Number((await r.allHeaders())['content-length'] || 0);
    bytes += len;
    files.set(new URL(r.url()).pathname, len);
  });
  await page.goto(base);
  await page.waitForFunction(() => window.__firstTotalMs !== undefined, null, { timeout: 15000 });
  loads.push(await page.evaluate(() => window.__firstTotalMs));
  wireBytes = bytes;
  firstLoadFiles = files;
  await context.close();
}

// Edit → updated totals: type into the stored-data field and time the total's change.
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const page = await context.newPage();
await page.goto(base);
await page.getByTestId('total-monthly-cost').waitFor();
const defaultComponents = await page.evaluate(() => document.querySelectorAll('article.card[data-testid^="component-"]').length);
await page.getByTestId('open-media').click();
await page.evaluate(() => [...document.querySelectorAll('[data-testid="component-media"] input')]
  .find((i) => i.closest('.field')?.querySelector('label')?.textContent === 'Overwritten each month')
  .setAttribute('data-bench-input', ''));
// A percentage: kept within 10–89 so every value is valid.
const percentages = Array.from({ length: EDITS }, (_, i) => String(10 + (i % 80)));
const edits = await page.evaluate(timeEditsToTotal, ['[data-bench-input]', percentages, 0]);
await context.close();

// Large plans: load from the autosave, open the fix list once (its search then follows
// every edit in the worker), back to the plan, and edit a bucket's stored data.
async function largePlan(plan, label) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(base);
  await page.getByTestId('total-monthly-cost').waitFor();
  await page.evaluate((json) => localStorage.setItem('drplan.plan.v1', json), JSON.stringify(plan));
  await page.reload();
  await page.getByTestId('total-monthly-cost').waitFor({ timeout: 60000 });
  await page.waitForTimeout(500);
  const takeTasks = () => page.evaluate(() => window.__longTasks.splice(0));
  const load = await takeTasks();
  await page.getByTestId('tab-recovery').click();
  await page.getByTestId('fixes-computing').waitFor();
  await page.getByTestId('tab-plan').click();
  await page.getByTestId(`open-${plan.components[0].id}`).click();
  await page.waitForTimeout(500);
  await takeTasks();
  const { toTotal: times, toFrame: frames, render } = await page.evaluate(timeStoredDataEdits, EDITS);
  const lastKey = await page.evaluate(() => window.__lastKeyAt);
  await page.waitForTimeout(500);
  const editing = await takeTasks();
  const status = await page.getByTestId('fix-status').textContent();
  const longest = (xs) => (xs.length ? Math.max(...xs.map((t) => t.ms)).toFixed(0) : '< 50');
  // The views that list every line: from the tab's click to the first frame with
  // the view, and the longest task meanwhile; then edits in the Costs view's first
  // price override (its lines follow every edit).
  const views = [];
  for (const [tab, shown] of [['costs', 'cost-lines'], ['report', 'report'], ['plan', 'total-monthly-cost']]) {
    await takeTasks();
    const ms = await page.evaluate(openView, [tab, shown]);
    await page.waitForTimeout(300);
    views.push(`${tab} ${ms.toFixed(0)} ms (longest task ${longest(await takeTasks())})`);
    if (tab === 'costs') {
      const prices = ['0.5', '0.51', '0.52', '0.53', '0.54'];
      const overrides = await page.evaluate(timeEditsToTotal, ['table.prices input', prices, 100]);
      views.push(`price override edit → updated total p50 ${median(overrides).toFixed(0)} ms (5 edits)`);
    }
  }
  await ctx.close();
  // When each long task began: during the burst, or so long after its last keystroke
  // (the timers that run once typing pauses, such as the other price sheet's total).
  const when = (t) => (t.start <= lastKey ? `${t.ms.toFixed(0)} ms while typing` : `${t.ms.toFixed(0)} ms ${(t.start - lastKey).toFixed(0)} ms after the last keystroke`);
  const listed = (xs) => (xs.length ? `: ${xs.map(when).join(', ')}` : '');
  largeReport.push(`${label}:`,
    `   longest main-thread task at load, ms: ${longest(load)}`,
    `   longest main-thread task during the typing burst (fix search in its worker), ms: ${longest(editing)} (${editing.length} tasks over 50 ms in ${times.length} keystrokes and the 500 ms after; goal: none${listed(editing)})`,
    `   edit → updated total, ms: p50 ${median(times).toFixed(1)} p95 ${p95(times).toFixed(1)} (goal: p95 ≤ 16); fix status after the edits: ${status}`,
    `   edit → next frame rendered, ms: p50 ${median(frames).toFixed(1)} p95 ${p95(frames).toFixed(1)}, of which that frame's rendering on the main thread (style, layout, paint): p50 ${median(render).toFixed(1)} p95 ${p95(render).toFixed(1)}`,
    `   opening a view (click → first frame with it): ${views.join('; ')}`);
}

// In the page: clicks tab `tab` and resolves, in ms, at the first frame after the
// element with test id `shown` is there.
async function openView([tab, shown]) {
  const start = performance.now();
  document.querySelector(`[data-testid="tab-${tab}"]`).click();
  await new Promise((resolve) => {
    const check = () => (document.querySelector(`[data-testid="${shown}"]`) ? resolve() : requestAnimationFrame(check));
    check();
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}

// In the page: types each of `values` into the input `selector` finds, `pauseMs` apart,
// and returns each edit's time, in ms, to the monthly total's change.
async function timeEditsToTotal([selector, values, pauseMs]) {
  const input = document.querySelector(selector);
  const total = document.querySelector('[data-testid="total-monthly-cost"]');
  const times = [];
  for (const value of values) {
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
      observer.observe(total, { childList: true, subtree: true, characterData: true });
    });
    const start = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    times.push((await changed) - start);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return times;
}

const largeReport = [];
// The same heaviest-model buckets, as many as `n`.
const bucketPlan = (n) => { const p = twoHundredComponentPlan(); return { ...p, name: `${n} components`, components: p.components.slice(0, n) }; };
await largePlan(bucketPlan(10), '10 components (versioned, tiered, replicated buckets, 120 months)');
await largePlan(bucketPlan(200), '200 components (versioned, tiered, replicated buckets, 120 months)');
// The same plan at AWS's list prices, whose S3 Standard volume tiers couple every
// bucket's bill to the buckets before it.
const listPriced = { ...bucketPlan(200), pricing: { sheet: 'aws-list-2026' } };
await largePlan(listPriced, '200 components at AWS list prices (S3 volume tiers)');
await largePlan(slowFixSearchPlan(), '102 components, 1,000 backup rule × component pairs (the slowest fix search)');

await browser.close();
server.close();

const raw = (name) => { const f = path.join(dist, name); return fs.existsSync(f) ? fs.statSync(f).size : 0; };
console.log('first load, bytes on the wire (gzip):', (wireBytes / 1024).toFixed(1), 'KB (goal ≤ 350 KB)');
for (const [name, len] of [...firstLoadFiles.entries()].sort((a, b) => b[1] - a[1])) {
  console.log('  ', name, (raw(name) / 1024).toFixed(1), 'KB raw,', (len / 1024).toFixed(1), 'KB gzip');
}
const later = [...gzipped.entries()].filter(([f]) => !firstLoadFiles.has('/' + path.relative(dist, f)));
for (const [f, b] of later) console.log('   loaded later:', path.basename(f), (fs.statSync(f).size / 1024).toFixed(1), 'KB raw,', (b.length / 1024).toFixed(1), 'KB gzip');
console.log('time to first rendered total, ms: median', median(loads).toFixed(0), 'p95', p95(loads).toFixed(0), '(goal ≤ 300 ms;', loads.length, 'cold loads)');
console.log(`default plan (${defaultComponents} components): edit → updated total, ms: p50`, median(edits).toFixed(2), 'p95', p95(edits).toFixed(2), '(goal ≤ 16 ms;', edits.length, 'edits)');
for (const line of largeReport) console.log(line);
