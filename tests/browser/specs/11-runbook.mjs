// The report's recovery runbook (issue 14, item 4): per scenario the same runbook the
// exported bundle carries, the drill schedule with its monthly cost, printable, and
// axe-clean.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { total } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/// RUNBOOK.md of a preset's bundle for a target, through the CLI.
function bundleRunbook(cli, preset, target) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'bundle');
  cli('export', preset, '--target', target, '--out', out);
  return fs.readFileSync(path.join(out, 'RUNBOOK.md'), 'utf8');
}

async function openRunbook(page) {
  await page.getByTestId('tab-report').click();
  await page.getByTestId('report-runbook').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=runbook-pending]'), null, { timeout: 30000 });
}

/// Fills the last drill result's fields as a user would.
async function record(page, index, mechanism, minutes) {
  await page.getByTestId('add-drill-result').click();
  const result = page.getByTestId(`drill-result-${index}`);
  await result.waitFor();
  await result.locator(`[data-path="drill_results[${index}].mechanism"] select`).selectOption(mechanism);
  const field = result.locator(`[data-path="drill_results[${index}].restore_minutes"] input`);
  await field.fill(String(minutes));
  await field.blur();
}

export const tests = [
  {
    name: 'measured restore durations recorded in the app change the verdict and flag assumed figures',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-recovery').click();
      const rto = page.getByTestId('scenario-deletion-rto');
      assert.match(await rto.locator('..').getAttribute('class'), /meets/);
      // A quick measured restore of the table: the target is met, but the buckets'
      // restores were never drilled, which the matrix says.
      await record(page, 0, 'dynamodb_pitr', 12);
      await page.getByTestId('scenario-deletion-assumed').waitFor();
      assert.match(await rto.locator('..').getAttribute('class'), /meets/);
      // Every way the table comes back in its own account (PITR, on-demand backups and
      // the AWS Backup plan that copies it to the backup account) measured at 5 h:
      // deletion now misses its 4 h RTO.
      await page.getByTestId('drill-result-0').locator('[data-path="drill_results[0].restore_minutes"] input').fill('300');
      await page.getByTestId('drill-result-0').locator('[data-path="drill_results[0].restore_minutes"] input').blur();
      await record(page, 1, 'dynamodb_backups', 300);
      await record(page, 2, 'aws_backup', 300);
      await page.waitForFunction(() => document.querySelector('[data-testid="scenario-deletion-rto"]')?.parentElement.className.includes('misses'), null, { timeout: 10000 });
      assert.equal(await rto.textContent(), '5.1 h');
      // A duration out of range is refused at its field, in its unit.
      const field = page.getByTestId('drill-result-1').locator('[data-path="drill_results[1].restore_minutes"]');
      await field.locator('input').fill('-3');
      await field.locator('input').blur();
      await page.waitForFunction(() => /minutes/.test(document.querySelector('[data-path="drill_results[1].restore_minutes"] .messages')?.textContent ?? ''));
      await screenshot('drill-results');
    },
  },
  {
    name: 'the report shows the bundle\'s runbook per scenario and the drill schedule with its monthly cost',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      // The app opens on photo-portfolio, whose plan schedules seed 004's tests.
      await openRunbook(page);
      const markdown = bundleRunbook(cli, 'photo-portfolio', 'terraform');
      const scenarios = [...markdown.matchAll(/^## Scenario: (.+)$/gm)].map((m) => m[1]);
      assert.ok(scenarios.length >= 3, markdown.slice(0, 400));
      const shown = await page.locator('[data-testid=report-runbook] .runbook-scenario h3').allTextContents();
      assert.deepEqual(shown, scenarios.map((s) => `Scenario: ${s}`));
      // Each scenario's closing total is the bundle's, word for word.
      const totals = [...markdown.matchAll(/^(Recovered after .+|Nothing comes back .+|Not everything comes back .+)$/gm)].map((m) => m[1]);
      const outcomes = await page.locator('[data-testid=report-runbook] .runbook-outcome').allTextContents();
      assert.deepEqual(outcomes, totals);
      // The Terraform bundle's names: outputs read with `terraform output`.
      assert.match(await page.getByTestId('report-runbook').textContent(), /terraform output/);

      const monthly = markdown.match(/^All drills: (\$[0-9,.]+) a month\.$/m)[1];
      assert.equal(await page.getByTestId('drill-schedule-monthly').textContent(), monthly);
      const rows = await page.locator('[data-testid=drill-schedule] tbody tr').count();
      assert.equal(rows, [...markdown.matchAll(/^\| [^|]+ \| (weekly|monthly|quarterly|yearly) \|/gm)].length);
      await page.getByTestId('tab-recovery').click();
      assert.equal(await page.getByTestId('testing-monthly').textContent(), monthly, 'the Recovery tab prices the same schedule');

      // Another target's names: the CloudFormation stacks' outputs.
      await openRunbook(page);
      await page.getByTestId('runbook-target').selectOption('cloudformation');
      await page.waitForFunction(() => document.querySelector('[data-testid=report-runbook]')?.textContent.includes('describe-stacks'), null, { timeout: 30000 });
      assert.doesNotMatch(await page.getByTestId('report-runbook').textContent(), /terraform output/);
      await screenshot('runbook');
    },
  },
  {
    name: 'the runbook prints with the report, without its target picker',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await openRunbook(page);
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.locator('[data-testid=runbook-deletion]').isVisible());
      assert.equal(await page.getByTestId('runbook-target').evaluate((e) => getComputedStyle(e.closest('.report-actions')).display), 'none');
      const breaks = await page.getByTestId('report-runbook').evaluate((e) => getComputedStyle(e).breakBefore);
      assert.equal(breaks, 'page');
      await screenshot('runbook-print');
    },
  },
  {
    name: 'an invalid plan gets a reason instead of a runbook',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await page.getByLabel('Projection horizon').fill('500');
      await openRunbook(page);
      assert.match(await page.getByTestId('runbook-error').textContent(), /problems to fix/);
    },
  },
  {
    name: 'axe-core finds no serious or critical violation in the runbook section',
    async run({ page, base }) {
      const source = fs.readFileSync(process.env.AXE_CORE_JS || path.join(here, '..', '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
      await page.goto(base);
      await total(page);
      await openRunbook(page);
      await page.locator('[data-testid=runbook-deletion]').waitFor();
      await page.evaluate(source);
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document.querySelector('[data-testid=report-runbook]'), { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target?.join(' ') }));
      });
      const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious, [], JSON.stringify(result));
    },
  },
  {
    // A view that closes before the export worker answers it (a quick click through
    // the tabs, or printing from another view) once stopped the app with "Tried to
    // access a reactive value that has already been disposed".
    name: 'a worker answer that comes after its view closed is dropped, and the app keeps running',
    async run({ page, base, errors }) {
      await page.goto(base);
      await total(page);
      // The first view's request starts the worker, which takes a while to load; each
      // view closes once it has sent its request (its effects run by the next frame).
      const workerStarts = page.waitForRequest(/drplan-export-worker/);
      for (const tab of ['tab-report', 'tab-export', 'tab-report']) {
        await page.getByTestId(tab).click();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
        await page.getByTestId('tab-costs').click();
      }
      await workerStarts;
      // The worker answers in turn: once the report shows its runbook, the answers to
      // the closed views have come.
      await openRunbook(page);
      assert.deepEqual(errors, []);
      await page.getByTestId('tab-costs').click();
      await total(page);
    },
  },
];
