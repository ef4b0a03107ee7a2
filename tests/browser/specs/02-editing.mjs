// Editing: fields update the totals live, components come and go, bad input is
// explained at the field and never reaches the plan.
import assert from 'node:assert/strict';
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
];
