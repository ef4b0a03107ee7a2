// Editing: fields update the totals live, components come and go, bad input is
// explained at the field and never reaches the plan.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectedTotal, presetPlan, total, waitForTotal } from './helpers.mjs';

export const tests = [
  {
    name: 'editing a field updates the totals',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('open-portfolio-table').click();
      const card = page.getByTestId('component-portfolio-table');
      const keep = card.getByLabel('Keep', { exact: true });
      await keep.fill('30');
      const plan = presetPlan(cli, 'photo-portfolio');
      plan.components[0].on_demand_backups.retention_days = 30;
      await waitForTotal(page, expectedTotal(cli, plan));
      await screenshot('editing');
    },
  },
  {
    name: 'adding and removing a component',
    async run({ page, base, cli }) {
      await page.goto(base);
      const before = await total(page);
      await page.locator('.add select').selectOption('rds_instance');
      await page.getByTestId('add-component').click();
      await page.getByTestId('component-rds-instance').waitFor();
      const plan = presetPlan(cli, 'photo-portfolio');
      plan.components.push({ kind: 'rds_instance', id: 'rds-instance' });
      await waitForTotal(page, expectedTotal(cli, plan));
      await page.getByTestId('remove-rds-instance').click();
      await waitForTotal(page, before);
      assert.equal(await page.getByTestId('component-rds-instance').count(), 0);
    },
  },
  {
    name: 'an invalid value shows its message and leaves the plan alone',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      const before = await total(page);
      await page.getByTestId('open-media').click();
      const card = page.getByTestId('component-media');
      const stored = card.getByLabel('Stored data');
      await stored.fill('lots');
      await card.getByText('"lots" is not a number').waitFor();
      assert.equal(await stored.getAttribute('aria-invalid'), 'true');
      assert.equal(await total(page), before, 'an unparsable value must not change the plan');
      // A value that parses but breaks an AWS rule gets the core's diagnostic at the field.
      await page.getByTestId('open-portfolio-table').click();
      const period = page.getByTestId('component-portfolio-table').getByLabel('Recovery period');
      await period.fill('50');
      await page.getByTestId('component-portfolio-table').getByText('must be between 1 and 35').waitFor();
      await page.getByTestId('plan-errors').waitFor();
      // Editing another field must not discard the text still being fixed here.
      assert.equal(await stored.inputValue(), 'lots');
      await screenshot('invalid-value');
    },
  },
  {
    name: 'hostile text is shown as text, never as markup',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      const name = page.getByLabel('Name', { exact: true }).first();
      await name.fill('<img src=x onerror="window.__owned=1"><script>window.__owned=2</script>');
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.__owned), undefined);
      assert.equal(await page.locator('.plan-title img').count(), 0);
      assert.match(await page.locator('.plan-title').textContent(), /<img src=x/);
    },
  },
  {
    // The editor's estimate leaves out the cost lines and the GB stored, which it does
    // not show: the views that show them must still show the edited plan's.
    name: 'an edit in the plan editor shows in the cost lines, the ledger and the printed report',
    async run({ page, base, cli }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('open-media').click();
      await page.getByTestId('component-media').getByLabel('Stored data').fill('12345');
      const plan = presetPlan(cli, 'photo-portfolio');
      plan.components.find((c) => c.id === 'media').stored_gb = 12345;
      await waitForTotal(page, expectedTotal(cli, plan));
      // Printing from the editor prints the report, with the ledger's stored data.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const ledger = page.getByTestId('report-ledger');
      await ledger.waitFor();
      const heads = await ledger.locator('thead th').allTextContents();
      assert.ok(heads.some((h) => /Standard/.test(h)), `a storage class column: ${heads}`);
      assert.notEqual(await ledger.locator('tbody tr').last().locator('td').nth(3).textContent(), '0');
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.getByTestId('component-media').waitFor();
      // The Costs view's downloads are the CLI's, byte for byte.
      await page.getByTestId('tab-costs').click();
      await page.getByTestId('cost-lines').waitFor();
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'plan.json');
      fs.writeFileSync(file, JSON.stringify(plan));
      for (const [button, format] of [['Lines CSV', 'csv'], ['Ledger CSV', 'ledger-csv']]) {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
        const saved = path.join(path.dirname(file), `${format}.csv`);
        await download.saveAs(saved);
        assert.equal(fs.readFileSync(saved, 'utf8'), cli('estimate', file, '--format', format), `${button} of the edited plan`);
      }
    },
  },
];
