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
      // The headline and the sheet in words are the core's sentences, as the CLI prints them.
      assert.equal(await page.getByTestId('headline').textContent(), expected.headline);
      assert.equal(await page.getByTestId('sheet-words').textContent(), expected.price_sheet_title);
      const list = JSON.parse(cli('estimate', 'photo-portfolio', '--format', 'json', '--prices', 'aws-list-2026'));
      const other = await page.getByTestId('other-sheet-total').textContent();
      assert.ok(other.includes(usd(list.monthly_total_usd)), other);
      await screenshot('default-plan');
    },
  },
];
