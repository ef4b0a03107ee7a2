// Plans with more cost lines than a view lists at once (300): the Costs view folds
// its groups and offers the rest of a sorted order, the report names every component
// and lists the lines of the costliest, and nothing is lost: the Lines CSV is the
// CLI's, line for line. Twenty heavy buckets make about 700 lines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reloadWithAutosave, total, twoHundredComponentPlan } from './helpers.mjs';

const LISTED_AT_ONCE = 300;

function twentyBuckets() {
  const plan = twoHundredComponentPlan();
  return { ...plan, name: '20 buckets', components: plan.components.slice(0, 20) };
}

function planFile(plan) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  return file;
}

/// The CLI's cost lines of `plan` as CSV, and how many lines that is.
function cliLines(cli, plan) {
  const csv = cli('estimate', planFile(plan), '--format', 'csv');
  return { csv, lineCount: csv.trim().split('\n').length - 1 };
}

/// The app, reopened on `plan` as a later visit finds it in the autosave.
async function openOn(page, base, plan) {
  await page.goto(base);
  await total(page);
  await reloadWithAutosave(page, plan);
  await total(page);
}

export const tests = [
  {
    name: 'a plan of 700 cost lines opens folded by component, each group opens in place, and the CSV keeps every line',
    async run({ page, base, cli, screenshot }) {
      const plan = twentyBuckets();
      const { csv, lineCount } = cliLines(cli, plan);
      assert.ok(lineCount > 2 * LISTED_AT_ONCE, `${lineCount} lines`);
      await openOn(page, base, plan);
      await page.getByTestId('tab-costs').click();
      const table = page.getByTestId('cost-lines');
      await table.waitFor();
      // Every component, folded, with its cost and line count; no line rows yet.
      const groups = table.locator('tr.group button.disclosure');
      assert.equal(await groups.count(), plan.components.length);
      for (const expanded of await groups.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-expanded')))) assert.equal(expanded, 'false');
      assert.equal(await table.locator('tbody tr:not(.group)').count(), 0);
      const first = groups.first();
      const perGroup = Number((await first.textContent()).match(/· (\d+) lines/)[1]);
      assert.ok(perGroup > 10, await first.textContent());
      // Opened from the keyboard: its lines show under it and the focus stays on it.
      await first.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('[data-testid="cost-lines"] tbody tr:not(.group)'));
      assert.equal(await first.getAttribute('aria-expanded'), 'true');
      assert.equal(await table.locator('tbody').first().locator('tr:not(.group)').count(), perGroup);
      assert.equal(await first.evaluate((b) => b === document.activeElement), true, 'focus stays on the group');
      // A price override re-prices every line; the opened group stays open.
      const before = await page.getByTestId('total-monthly-cost').textContent();
      await page.locator('table.prices input').first().fill('0.5');
      await page.waitForFunction((was) => document.querySelector('[data-testid="total-monthly-cost"]').textContent !== was, before);
      assert.equal(await table.locator('tbody').first().locator('tr:not(.group)').count(), perGroup);
      assert.equal(await groups.nth(1).getAttribute('aria-expanded'), 'false');
      await screenshot('costs-folded');
      await page.locator('table.prices input').first().fill('');
      await page.waitForFunction((was) => document.querySelector('[data-testid="total-monthly-cost"]').textContent === was, before);
      // Largest first: the first 300, then the rest on request, every one.
      await page.getByTestId('lines-order').selectOption('largest');
      const rows = table.locator('tbody tr:not(.more)');
      assert.equal(await rows.count(), LISTED_AT_ONCE);
      const more = table.getByRole('button', { name: `Show the other ${lineCount - LISTED_AT_ONCE} lines` });
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="cost-lines"] tbody tr').length === n, lineCount);
      const monthly = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[tr.cells.length - 1].textContent.replace(/[$,]/g, ''))));
      assert.ok(monthly.every((m, i) => i === 0 || monthly[i - 1] >= m), 'largest first throughout');
      // The download is the CLI's, byte for byte.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lines CSV' }).click()]);
      const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'lines.csv');
      await download.saveAs(saved);
      assert.equal(fs.readFileSync(saved, 'utf8'), csv);
    },
  },
  {
    name: 'the report of a plan of 700 cost lines names every component and says which lines it leaves out',
    async run({ page, base, cli }) {
      const plan = twentyBuckets();
      const { lineCount } = cliLines(cli, plan);
      await openOn(page, base, plan);
      await page.getByTestId('tab-report').click();
      const note = page.getByTestId('report-lines-note');
      await note.waitFor();
      assert.match(await note.textContent(), new RegExp(`has ${lineCount} cost lines`));
      const table = page.locator('table.report-lines');
      assert.equal(await table.locator('tr.group').count(), plan.components.length);
      const listed = await table.locator('tbody tr:not(.group):not(.left-out)').count();
      assert.ok(listed > 0 && listed <= LISTED_AT_ONCE, `${listed} lines listed`);
      const leftOut = await table.locator('tr.left-out').allTextContents();
      const counted = leftOut.map((t) => Number(t.match(/^(\d+) lines?, not listed here$/)[1]));
      assert.equal(listed + counted.reduce((a, b) => a + b, 0), lineCount, 'listed and left out add up to every line');
      // The HTML report says the same.
      const html = cli('report', planFile(plan), '--html', '--date', '2026-12-01');
      assert.equal((html.match(/<tr class="left-out">/g) || []).length, leftOut.length);
    },
  },
];
