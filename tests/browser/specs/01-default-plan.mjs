// The app opens on the default plan and shows the core's own total.
import assert from 'node:assert/strict';

const usd = (n) => '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const tests = [
  {
    name: 'default plan shows its real total',
    async run({ page, base, cli, screenshot }) {
      const expected = JSON.parse(cli('estimate', 'photo-portfolio', '--format', 'json'));
      await page.goto(base);
      const total = page.getByTestId('total-monthly-cost');
      await total.waitFor({ timeout: 15000 });
      assert.equal(await total.textContent(), usd(expected.monthly_total_usd));
      assert.equal(await page.getByTestId('price-sheet').textContent(), expected.price_sheet);
      await screenshot('default-plan');
    },
  },
];
