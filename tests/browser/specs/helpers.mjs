// Shared helpers of the browser specs (not a spec: exports no tests).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const usd = (n) => '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const tests = [];

/// The core's total for a plan, through the CLI.
export function expectedTotal(cli, plan) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  return usd(JSON.parse(cli('estimate', file, '--format', 'json')).monthly_total_usd);
}

export function presetPlan(cli, id) {
  // `drplan estimate` of a preset file equals the preset; the plan itself comes from the repo.
  const here = path.dirname(new URL(import.meta.url).pathname);
  return JSON.parse(fs.readFileSync(path.join(here, '..', '..', '..', 'data', 'presets', `${id}.json`), 'utf8'));
}

export async function total(page) {
  const t = page.getByTestId('total-monthly-cost');
  await t.waitFor({ timeout: 15000 });
  return t.textContent();
}

export async function waitForTotal(page, expected) {
  await page.waitForFunction((want) => document.querySelector('[data-testid="total-monthly-cost"]')?.textContent === want, expected, { timeout: 5000 });
}

/// The core's total for a plan from its CSV cost lines (exact micro-dollar sums), for
/// plans whose JSON estimate would also run the (slow) fix search.
export function linesTotal(cli, plan) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  const rows = cli('estimate', file, '--format', 'csv').trim().split('\n').slice(1);
  let micros = 0n;
  for (const row of rows) {
    // monthly_usd is the first field with six decimals after the unit price.
    const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, ''));
    const [whole, frac = ''] = cells[5].split('.');
    micros += BigInt(whole) * 1000000n + (whole.startsWith('-') ? -1n : 1n) * BigInt((frac + '000000').slice(0, 6));
  }
  const cents = (micros + 5000n) / 10000n;
  return '$' + (Number(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/// A plan whose fix search is long: 100 data components of every kind, each protected
/// by 2 AWS Backup plans of 5 rules (1,000 rule × component pairs, the most the plan
/// limits allow), against one-minute targets that nothing meets. (The 40 × 20
/// × 20 shape is past those limits and refused where it is read.)
export function slowFixSearchPlan() {
  const kinds = ['s3_bucket', 'dynamodb_table', 'rds_instance', 'aurora_cluster'];
  const data = Array.from({ length: 100 }, (_, i) => ({ kind: kinds[i % 4], id: `d${i}` }));
  const ids = data.map((c) => c.id);
  const every = [60, 120, 180, 240, 360, 480, 720, 1440, 10080];
  const plans = Array.from({ length: 2 }, (_, p) => ({
    kind: 'backup_plan', id: `bp${p}`, protects: ids,
    rules: Array.from({ length: 5 }, (_, r) => ({ name: `r${r}`, frequency_minutes: every[(r + p) % 9], retention_days: 35 })),
  }));
  return { schema_version: 1, name: 'Slow fix search', targets: { rpo_minutes: 1, rto_minutes: 1 }, components: [...data, ...plans] };
}

/// A plan at the component limit (200) with the heaviest cost model: versioned,
/// tiered, replicated buckets over the longest horizon.
export function twoHundredComponentPlan() {
  const bucket = (i) => ({
    kind: 's3_bucket', id: `b${i}`, stored_gb: 10000, monthly_growth_gb: 500, monthly_change_percent: 20, average_object_size_kb: 64,
    versioning: { enabled: true, noncurrent_standard_ia_days: 30, noncurrent_glacier_days: 60, noncurrent_expiration_days: 365 },
    lifecycle: { standard_ia_days: 30, glacier_days: 60, deep_archive_days: 180 },
    replication: { storage_class: 'standard_ia', replication_time_control: true },
  });
  return { schema_version: 1, name: '200 components', horizon_months: 120, dr_region: 'us-west-2', targets: { rpo_minutes: 1, rto_minutes: 1 }, components: Array.from({ length: 200 }, (_, i) => bucket(i)) };
}

/// Puts `plan` in the app's autosave and reloads, as a later visit would find it.
export async function reloadWithAutosave(page, plan) {
  await page.evaluate((json) => localStorage.setItem('drplan.plan.v1', json), JSON.stringify(plan, null, 2));
  await page.reload();
}

// Run in the page (`page.evaluate(timeStoredDataEdits, count)`): types `count` values
// into the open card's "Stored data" field, a fast typist's 100 ms apart (10 keys a
// second, so the worker's answers, its restarts and the deferred comparison total
// interleave with the keystrokes), and returns each edit's time, in ms, as the
// browser's own clock sees it (`window.__lastKeyAt`: when the last value was typed):
// `toTotal`, to the updated monthly total (a MutationObserver); `toFrame`, to the end
// of the next frame's rendering (style, layout and paint run after the animation
// frame's callbacks, so a message posted from one is handled once they are done),
// which includes the wait for the display's next frame; `render`, the main thread's
// part of that rendering alone (from the animation frame's callback to the message).
export async function timeStoredDataEdits(count) {
  const field = [...document.querySelectorAll('.card-body .field')].find((f) => f.querySelector('label')?.textContent === 'Stored data');
  const input = field.querySelector('input');
  const total = document.querySelector('[data-testid="total-monthly-cost"]');
  const toTotal = [];
  const toFrame = [];
  const render = [];
  for (let i = 0; i < count; i++) {
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
      observer.observe(total, { childList: true, subtree: true, characterData: true });
    });
    const start = performance.now();
    window.__lastKeyAt = start;
    input.value = String(2000 + 37 * i);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    toTotal.push((await changed) - start);
    const frameAt = await new Promise((resolve) => requestAnimationFrame(() => {
      const at = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(at);
      channel.port2.postMessage(null);
    }));
    const rendered = performance.now();
    toFrame.push(rendered - start);
    render.push(rendered - frameAt);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { toTotal, toFrame, render };
}
