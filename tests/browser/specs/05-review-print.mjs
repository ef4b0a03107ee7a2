// Review mode (two plans side by side with deltas) and the print stylesheet.
import assert from 'node:assert/strict';
import { total } from './helpers.mjs';

export const tests = [
  {
    name: 'review mode shows the cost delta against a pinned baseline',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await page.getByTestId('tab-review').click();
      await page.getByTestId('pin-baseline').click();
      assert.equal(await page.getByTestId('review-total-delta').textContent(), 'no change');
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('open-database').click();
      await page.getByTestId('component-database').getByLabel('Multi-AZ').check();
      await page.getByTestId('tab-review').click();
      assert.match(await page.getByTestId('review-total-delta').textContent(), /^\+\$/);
      await screenshot('review');
    },
  },
  {
    name: 'the print stylesheet leaves a clean report',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-costs').click();
      await page.getByTestId('cost-lines').waitFor();
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.tabs', '.top .files', 'button']) {
        const display = await page.locator(hidden).first().evaluate((e) => getComputedStyle(e).display);
        assert.equal(display, 'none', `${hidden} must not print`);
      }
      assert.ok(await page.getByTestId('total-monthly-cost').isVisible());
      await screenshot('print');
    },
  },
];
