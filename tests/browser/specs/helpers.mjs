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
