// The standalone review report (`drplan report --html`): opened from a file in
// Chromium with every network request refused, it makes no request, runs no script,
// prints through page.pdf on A4 with every section present, and holds an A4 width
// without sideways overflow. Page pictures go to screenshots/ for people to look at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { total } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, '..', 'screenshots');
const SECTIONS = ['headline', 'recovery', 'costs', 'ledger', 'notes', 'fixes', 'baseline', 'decision'];

export const tests = [
  {
    name: 'the standalone HTML report prints every section with no script and no request',
    async run({ page, context, cli }) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-report-'));
      const file = path.join(dir, 'review.html');
      cli('report', 'photo-portfolio', '--html', '--baseline', 'rds-pitr', '--date', '2026-11-30', '-o', file);
      const requests = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url === `file://${file}`) return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.goto(`file://${file}`);
      assert.deepEqual(requests, [], 'the page asks for nothing');
      assert.equal(await page.locator('script').count(), 0);
      const h1 = await page.locator('h1').textContent();
      assert.ok(h1.length > 0 && (await page.title()).startsWith(h1), `cover title ${h1}`);
      assert.match(await page.locator('header.cover').textContent(), /2026-11-30/);
      await page.emulateMedia({ media: 'print' });
      for (const id of SECTIONS) assert.ok(await page.locator(`#${id}-h`).isVisible(), `${id} does not print`);
      assert.equal(await page.locator('figure svg').count(), 3, 'three charts');
      // Each long section starts a printed page.
      const breaks = await page.locator('section.page').evaluateAll((s) => s.map((e) => getComputedStyle(e).breakBefore));
      assert.ok(breaks.length >= 5 && breaks.every((b) => b === 'page'), breaks.join(','));
      const pdf = path.join(shots, 'html-report.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      const text = fs.readFileSync(pdf, 'latin1');
      const pages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.ok(pages >= 6, `${pages} printed pages`);
      try {
        execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(shots, 'html-report-page')], { stdio: 'ignore' });
      } catch { /* pictures for people only: without pdftoppm, the A4-width screenshots below */ }
      await page.setViewportSize({ width: 794, height: 1123 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 794, `the page is ${width} px wide on A4`);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, n = 1; y < height && n <= 16; y += 1123, n++) {
        await page.screenshot({ path: path.join(shots, `html-report-${n}.png`), fullPage: true, clip: { x: 0, y, width: 794, height: Math.min(1123, height - y) } });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  },
  {
    name: 'the decision record is kept in the plan, checked at its fields, and the ledger is in the Report tab',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-report').click();
      await page.getByTestId('report').waitFor();
      // The ledger: a row per month of the horizon under its header.
      const rows = await page.getByTestId('report-ledger').locator('tr').count();
      assert.equal(rows, 36 + 1);
      await page.getByLabel('Decision', { exact: true }).selectOption('rejected');
      await page.getByLabel('Owner').fill('Architecture board');
      const date = page.locator('[data-path="decision.date"]');
      await date.locator('input').fill('2026-02-30');
      await date.getByText('that month has days 01 to 28').waitFor();
      assert.equal(await date.locator('input').getAttribute('aria-invalid'), 'true');
      await date.locator('input').fill('2026-11-30');
      assert.equal(await date.locator('.message').count(), 0, 'the stale message is gone');
      const owner = page.locator('[data-path="decision.owner"]');
      await owner.locator('input').fill('x'.repeat(101));
      await owner.getByText('at most 100 characters').waitFor();
      await owner.locator('input').fill('Architecture board');
      await page.getByLabel('Reasons, conditions and follow-ups').fill('No copy outside the account.\nResubmit with a backup account.');
      // Kept in the plan: a reload restores it from the autosave.
      await page.reload();
      await page.getByTestId('report').waitFor();
      assert.equal(await page.getByLabel('Decision', { exact: true }).inputValue(), 'rejected');
      assert.equal(await page.getByLabel('Owner').inputValue(), 'Architecture board');
      assert.equal(await date.locator('input').inputValue(), '2026-11-30');
      await page.emulateMedia({ media: 'print' });
      const printed = await page.getByTestId('decision-printed').textContent();
      assert.match(printed, /Rejected.*Architecture board.*2026-11-30.*No copy outside the account\./s);
      await page.emulateMedia({ media: 'screen' });
      // Clearing it is one undo step, and the plan no longer carries a record.
      await page.getByTestId('decision-clear').click();
      assert.equal(await page.getByLabel('Owner').inputValue(), '');
      await page.keyboard.press('Control+z');
      await page.waitForFunction(() => document.querySelector('[data-path="decision.owner"] input')?.value === 'Architecture board');
    },
  },
];
