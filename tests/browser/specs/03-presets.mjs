// The gallery loads each of the five presets with the core's own total.
import assert from 'node:assert/strict';
import { usd, total, waitForTotal } from './helpers.mjs';

const PRESETS = ['s3-glacier-backup', 'multi-az-dr', 'rds-pitr', 'rds-snapshot-module', 'photo-portfolio'];

export const tests = [
  {
    name: 'each preset loads',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      for (const id of PRESETS) {
        await page.getByTestId('tab-presets').click();
        await page.getByTestId(`preset-${id}`).click();
        const expected = JSON.parse(cli('estimate', id, '--format', 'json'));
        await waitForTotal(page, usd(expected.monthly_total_usd));
        assert.equal(await page.locator('.plan-title').textContent(), expected.plan);
      }
      await page.getByTestId('tab-presets').click();
      await screenshot('gallery');
      await page.getByTestId('preset-empty').click();
      await waitForTotal(page, '$0.00');
    },
  },
  {
    name: 'costs view shows lines, sources and charts',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-costs').click();
      const lines = page.getByTestId('cost-lines');
      await lines.waitFor();
      assert.ok((await lines.locator('tbody tr').count()) > 20);
      assert.equal(await page.locator('canvas').count(), 2);
      await page.waitForTimeout(300);
      await screenshot('costs');
    },
  },
];
