// The review room (issue 12): a layout that holds at projector, desktop and zoomed
// sizes, cost tables whose headers sit over their cells, a summary that stays in view,
// honest fixes, validation in the field's unit, keyboard focus and history, axe-core
// clean, and a printed report with every section.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { total } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, '..', 'screenshots');
const VIEWS = ['plan', 'costs', 'recovery', 'export', 'review', 'report', 'presets'];
// 150% zoom on a 1280×720 screen is a 853×480 CSS viewport drawn at 1.5 device pixels.
const SIZES = [
  { name: '1280x720', viewport: { width: 1280, height: 720 }, scale: 1 },
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, scale: 1 },
  { name: 'zoom150', viewport: { width: 853, height: 480 }, scale: 1.5 },
];

async function openView(page, view) {
  await page.getByTestId(`tab-${view}`).click();
  if (view === 'export') await page.getByTestId('export-preview').waitFor({ timeout: 60000 });
  if (view === 'costs') await page.getByTestId('cost-lines').waitFor();
  if (view === 'report') await page.getByTestId('report').waitFor();
}

/// How far the page is wider than its viewport, in CSS pixels (0 when it fits).
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

function axeSource() {
  const file = process.env.AXE_CORE_JS || path.join(here, '..', '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
  return fs.readFileSync(file, 'utf8');
}

export const tests = [
  {
    name: 'no view overflows sideways at 1280x720, 1920x1080 or 150% zoom',
    async run({ browser, base }) {
      const widths = [];
      for (const size of SIZES) {
        const context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.scale });
        const page = await context.newPage();
        await page.goto(base);
        await total(page);
        for (const view of VIEWS) {
          await openView(page, view);
          if (view === 'export') {
            // The widest file: its longest line must scroll inside the preview.
            const files = page.getByTestId('export-files').locator('button');
            const n = await files.count();
            for (let i = 0; i < Math.min(n, 40); i++) {
              const name = await files.nth(i).textContent();
              if (/README|\.ya?ml$|\.json$/.test(name)) { await files.nth(i).click(); break; }
            }
            const copy = await page.getByTestId('export-copy').boundingBox();
            assert.ok(copy.x + copy.width <= size.viewport.width, `${size.name}: Copy button off-screen at x=${copy.x}`);
          }
          const over = await overflow(page);
          widths.push(`${size.name}/${view}: ${over}px`);
          await page.screenshot({ path: path.join(shots, `view-${view}-${size.name}.png`) });
          assert.equal(over, 0, `${size.name} ${view}: the page is ${over}px wider than the window`);
        }
        await context.close();
      }
      console.log('     overflow:', widths.join(', '));
    },
  },
  {
    name: 'chart text is at least 14 px at 1280x720 and legends sit outside the plots',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      const sizes = [];
      for (const view of ['costs', 'recovery']) {
        await openView(page, view);
        const scales = await page.locator('canvas').evaluateAll((all) => all.map((c) => c.getBoundingClientRect().width / c.width));
        assert.ok(scales.length >= 1, `${view}: no chart`);
        // The charts draw their text at 16 canvas pixels (charts::TEXT_PX).
        for (const scale of scales) {
          sizes.push(`${view}: ${(16 * scale).toFixed(1)}px`);
          assert.ok(16 * scale >= 14, `${view}: chart text is ${(16 * scale).toFixed(1)} px on screen`);
        }
      }
      console.log('     chart text:', sizes.join(', '));
    },
  },
  {
    name: 'cost-line headers sit over their cells in every order',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await openView(page, 'costs');
      for (const order of ['component', 'largest', 'price']) {
        await page.getByTestId('lines-order').selectOption(order);
        const check = await page.getByTestId('cost-lines').evaluate((table) => {
          const width = (row) => [...row.cells].reduce((n, c) => n + c.colSpan, 0);
          const head = table.tHead.rows[0];
          const widths = [...table.tBodies].flatMap((b) => [...b.rows]).map(width);
          const foot = width(table.tFoot.rows[0]);
          const monthlyHead = [...head.cells].find((c) => c.textContent === 'Monthly').getBoundingClientRect();
          const firstRow = [...table.tBodies[0].rows].find((r) => !r.classList.contains('group'));
          const lastCell = firstRow.cells[firstRow.cells.length - 1].getBoundingClientRect();
          const footCell = table.tFoot.rows[0].cells[table.tFoot.rows[0].cells.length - 1].getBoundingClientRect();
          return { head: width(head), widths, foot, monthly: [monthlyHead.left, monthlyHead.right], cell: [lastCell.left, lastCell.right], footCell: [footCell.left, footCell.right] };
        });
        for (const w of check.widths) assert.equal(w, check.head, `${order}: a row of ${w} cells under a header of ${check.head}`);
        assert.equal(check.foot, check.head, `${order}: footer`);
        assert.deepEqual(check.cell.map(Math.round), check.monthly.map(Math.round), `${order}: monthly cells are not under "Monthly"`);
        assert.deepEqual(check.footCell.map(Math.round), check.monthly.map(Math.round), `${order}: total not under "Monthly"`);
      }
    },
  },
  {
    name: 'the summary bar stays in view while editing a card low on the page',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      const cards = page.locator('article.card');
      const last = cards.nth((await cards.count()) - 1);
      await last.locator('button.disclosure').click();
      const field = last.locator('input[type=text]').last();
      await field.scrollIntoViewIfNeeded();
      await field.focus();
      await page.mouse.wheel(0, 400);
      const bar = await page.getByTestId('summary-bar').boundingBox();
      assert.ok(bar.y >= -1 && bar.y < 5, `summary bar at y=${bar.y}`);
      const totalBox = await page.getByTestId('total-monthly-cost').boundingBox();
      assert.ok(totalBox.y >= 0 && totalBox.y + totalBox.height <= 720, 'total out of view');
      const pills = await page.locator('.summary-bar .badges .pill').count();
      assert.ok(pills >= 4, `${pills} verdict pills in the bar`);
      assert.ok(await page.evaluate(() => window.scrollY) > 300, 'the page did not scroll');
      await screenshot('sticky-summary');
    },
  },
  {
    name: 'fixes: only a fix that meets every target of a scenario says it fixes it',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-s3-glacier-backup').click();
      await page.getByTestId('tab-recovery').click();
      await page.locator('[data-testid=fixes-full], [data-testid=fixes-partial], [data-testid=no-fixes]').first().waitFor({ timeout: 60000 });
      const text = await page.locator('main').innerText();
      for (const id of ['account_compromise', 'region_loss', 'az_loss']) assert.ok(!text.includes(id), `internal id ${id} shown`);
      // Relative cost: "+$…/month, N× today's cost" or a percentage.
      const delta = await page.locator('[data-testid$=-delta]').first().textContent();
      assert.match(delta, /^[+-]\$[\d,.]+\/month, ([+-]?\d+% on|\d+×) today's cost$/);
      await screenshot('fixes-honest');
      const full = page.getByTestId('fixes-full').locator('> li');
      if (await full.count()) {
        const claim = await full.first().locator('.resolves').textContent();
        const scenarios = claim.replace('Meets every target in: ', '').split('; ');
        await full.first().locator('button').click();
        for (const s of scenarios) {
          const pill = page.locator('.summary-bar .pill', { hasText: s });
          await page.waitForFunction((label) => [...document.querySelectorAll('.summary-bar .pill')].some((p) => p.textContent.includes(label) && p.classList.contains('ok')), s);
          assert.equal(await pill.first().getAttribute('class'), 'pill ok');
        }
        // Focus moved to the recovery matrix, not the page body.
        assert.equal(await page.evaluate(() => document.activeElement.id), 'recovery-title');
      }
    },
  },
  {
    name: 'validation: field unit, no clamping, no decimal comma, errors in the headline',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      const rpo = page.locator('[data-path="targets.rpo_minutes"]');
      const input = rpo.locator('input');
      const unit = page.locator('.duration').first().locator('select');
      await unit.selectOption('60');
      const before = await page.evaluate(() => JSON.parse(localStorage.getItem('drplan.plan.v1')).targets.rpo_minutes);
      await input.fill('-1');
      assert.match(await rpo.locator('.messages').textContent(), /must not be negative/);
      // The autosave follows a change once typing pauses (300 ms): wait longer than that.
      await page.waitForTimeout(1000);
      const after = await page.evaluate(() => JSON.parse(localStorage.getItem('drplan.plan.v1')).targets.rpo_minutes);
      assert.equal(after, before, '−1 h changed the plan');
      await input.fill('0');
      await page.waitForFunction(() => /hours/.test(document.querySelector('[data-path="targets.rpo_minutes"] .messages').textContent));
      const message = await rpo.locator('.messages').textContent();
      assert.match(message, /is 0 hours; must be between 1 minute and 365 days/);
      // The headline says the plan has errors, prominently.
      const alert = page.getByTestId('plan-errors');
      await alert.waitFor();
      assert.match(await alert.textContent(), /The plan has 1 error/);
      // A text that does not parse replaces (not joins) the message about the old value.
      await input.fill('1,5');
      const messages = await rpo.locator('.messages .message').allTextContents();
      assert.equal(messages.length, 1, `messages: ${messages.join(' | ')}`);
      assert.match(messages[0], /write decimals with a point \(1\.5\)/);
      await input.fill('1.5');
      await page.waitForFunction(() => JSON.parse(localStorage.getItem('drplan.plan.v1')).targets.rpo_minutes === 90);
      assert.equal(await rpo.locator('.messages .message').count(), 0);
      assert.equal(await page.getByTestId('plan-errors').count(), 0);
    },
  },
  {
    name: 'keyboard: focus after opening a design, Back and Forward move between views',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-costs').click();
      await page.getByTestId('tab-recovery').click();
      await page.goBack();
      await page.waitForFunction(() => document.querySelector('[data-testid=tab-costs]').getAttribute('aria-selected') === 'true');
      await page.goBack();
      await page.waitForFunction(() => document.querySelector('[data-testid=tab-plan]').getAttribute('aria-selected') === 'true');
      await page.goForward();
      await page.waitForFunction(() => document.querySelector('[data-testid=tab-costs]').getAttribute('aria-selected') === 'true');
      assert.ok(page.url().startsWith(base), 'Back left the app');
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'plan-title');
      // Removing a card puts focus on the list, not the page body.
      await page.getByTestId('remove-database').click();
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'components-title');
      // Every focusable control shows a focus ring.
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(ring, 'none');
      const label = page.locator('label[for=open-plan]');
      await page.locator('#open-plan').focus();
      const ringOpen = await label.evaluate((e) => getComputedStyle(e).outlineStyle);
      assert.notEqual(ringOpen, 'none', '"Open plan…" shows no focus');
    },
  },
  {
    name: 'axe-core finds no serious or critical violation in any view',
    async run({ page, base }) {
      const source = axeSource();
      await page.goto(base);
      await total(page);
      const counts = [];
      const problems = [];
      for (const view of VIEWS) {
        await openView(page, view);
        await page.evaluate(source);
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target?.join(' ') }));
        });
        counts.push(`${view}: ${result.map((v) => `${v.id}(${v.impact})×${v.nodes}`).join(' ') || 'none'}`);
        for (const v of result.filter((v) => v.impact === 'serious' || v.impact === 'critical')) problems.push(`${view}: ${v.id} ×${v.nodes} (${v.target})`);
      }
      console.log('     axe:', counts.join('; '));
      assert.deepEqual(problems, []);
    },
  },
  {
    name: 'the printed report has every section, readable in black and white',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-review').click();
      await page.getByTestId('pin-baseline').click();
      await page.getByTestId('tab-report').click();
      await page.getByTestId('report').waitFor();
      await page.getByLabel('Decision', { exact: true }).selectOption('approved_with_changes');
      await page.getByLabel('Owner').fill('Platform team');
      await page.locator('[data-testid=report] .fixes-considered, #report-fixes').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('#report-fixes')?.parentElement?.textContent.includes('Finding'), null, { timeout: 60000 });
      await page.emulateMedia({ media: 'print' });
      const sections = ['report-cover', 'report-headline', 'report-recovery', 'report-costs', 'report-ledger', 'report-notes', 'report-fixes', 'report-baseline', 'report-decision'];
      for (const id of sections) assert.ok(await page.locator(`#${id}`).isVisible(), `${id} does not print`);
      for (const hidden of ['.tabs', '.summary-bar', '.top']) {
        assert.equal(await page.locator(hidden).first().evaluate((e) => getComputedStyle(e).display), 'none', `${hidden} prints`);
      }
      assert.ok(await page.getByText('Platform team').isVisible(), 'the decision record prints its values');
      const pdf = path.join(shots, 'report.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      const pages = (fs.readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.ok(pages >= 3, `${pages} printed pages`);
      try {
        execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(shots, 'report-page')], { stdio: 'ignore' });
      } catch { /* pictures for people only: without pdftoppm, the print-media screenshot below */ }
      // The printed report as it lays out on an A4 width, for people to look at.
      await page.setViewportSize({ width: 794, height: 1123 });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, n = 1; y < height && n <= 12; y += 1123, n++) {
        await page.screenshot({ path: path.join(shots, `report-print-${n}.png`), fullPage: true, clip: { x: 0, y, width: 794, height: Math.min(1123, height - y) } });
      }
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.emulateMedia({ media: 'screen' });
      // Printing from another view prints the report too.
      await page.getByTestId('tab-costs').click();
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.getByTestId('report').waitFor();
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.getByTestId('cost-lines').waitFor();
    },
  },
  {
    name: 'the pinned baseline survives a reload',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-review').click();
      await page.getByTestId('pin-baseline').click();
      await page.getByTestId('review-table').waitFor();
      await page.reload();
      await page.getByTestId('review-table').waitFor();
      assert.equal(await page.getByTestId('review-total-delta').textContent(), 'no change');
    },
  },
  {
    name: 'a share link made with a pinned baseline carries both plans',
    async run({ page, browser, base }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-review').click();
      await page.getByTestId('pin-baseline').click();
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await total(page);
      await page.getByTestId('tab-review').click();
      const delta = await page.getByTestId('review-total-delta').textContent();
      assert.notEqual(delta, 'no change');
      await page.getByTestId('share-button').click();
      const link = await page.getByTestId('share-link').inputValue();
      assert.match(link, /#plan=v1\.[\w-]+&baseline=v1\.[\w-]+$/);
      // Another browser (no autosave, no pinned baseline) opens both.
      const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const fresh = await other.newPage();
      await fresh.goto(link.replace(/\?view=\w+/, ''));
      await total(fresh);
      await fresh.getByTestId('tab-review').click();
      assert.equal(await fresh.getByTestId('review-total-delta').textContent(), delta);
      await other.close();
    },
  },
];
