// The recovery view: the scenario matrix with the core's figures, and fixes that apply
// in one click and cost what they say.
import assert from 'node:assert/strict';
import { total, usd } from './helpers.mjs';

const SCENARIOS = ['deletion', 'az_loss', 'region_loss', 'account_compromise'];

export const tests = [
  {
    name: 'recovery matrix shows every scenario against the targets',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-recovery').click();
      const expected = JSON.parse(cli('estimate', 'photo-portfolio', '--format', 'json')).recovery;
      for (const s of expected.scenarios) {
        for (const m of ['rpo', 'rto']) {
          const text = await page.getByTestId(`scenario-${s.scenario}-${m}`).textContent();
          if (s[`${m}_minutes`] === null) assert.equal(text, 'not recoverable', `${s.scenario} ${m}`);
          else assert.match(text, /^\d+(\.\d+)? (min|h|d)$/, `${s.scenario} ${m}: ${text}`);
        }
      }
      assert.deepEqual(expected.scenarios.map((s) => s.scenario), SCENARIOS);
      // Seed 004 promises RPO 1 h / RTO 4 h for deletion and region loss.
      assert.equal(await page.getByTestId('scenario-deletion-rpo').textContent(), '5 min');
      await page.waitForTimeout(300);
      await screenshot('recovery');
    },
  },
  {
    name: 'a fix applies in one click and costs what it says',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await page.getByTestId('tab-recovery').click();
      assert.match(await page.getByTestId('scenario-az_loss-rto').locator('..').getAttribute('class'), /misses/);
      const fix = page.locator('[data-testid^="fix-"]').filter({ hasText: 'Multi-AZ' }).first();
      const delta = Number((await fix.locator('.delta').textContent()).replace(/[^0-9.]/g, ''));
      const before = Number((await total(page)).replace(/[$,]/g, ''));
      await fix.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="scenario-az_loss-rto"]')?.parentElement.className.includes('meets'));
      const after = Number((await total(page)).replace(/[$,]/g, ''));
      assert.ok(Math.abs(after - before - delta) <= 0.011, `${before} + ${delta} ≠ ${after}`);
      await screenshot('fix-applied');
    },
  },
];
