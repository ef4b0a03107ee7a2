// Every plan field has an editor: the newer fields (adoption of existing buckets,
// functions in the VPC, VPC endpoints, repository mirrors, Route 53 failover inputs,
// DynamoDB reads, bundle settings, recovery tests) are edited in the browser with the
// core's diagnostics at the field, and the export, the estimate and the recovery costs
// follow as the CLI computes them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { linesTotal, presetPlan, reloadWithAutosave, total, usd, waitForTotal } from './helpers.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const allFields = () => JSON.parse(fs.readFileSync(path.join(here, '..', 'plans', 'all-fields.json'), 'utf8'));

/// The plan the app holds now, from its autosave.
async function currentPlan(page) {
  return JSON.parse(await page.evaluate(() => localStorage.getItem('drplan.plan.v1')));
}

/// The app's plan once `holds` is true of it (the autosave follows each edit).
async function planWhen(page, holds) {
  for (let i = 0; i < 50; i++) {
    const plan = await currentPlan(page);
    if (holds(plan)) return plan;
    await page.waitForTimeout(100);
  }
  throw new Error('the plan never reached the expected state');
}

function writePlan(plan) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  return file;
}

async function openExport(page) {
  await page.getByTestId('tab-export').click();
}

export const tests = [
  {
    name: 'a plan that sets every field shows an editor for each',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await reloadWithAutosave(page, allFields());
      await total(page);
      for (const button of await page.locator('button.disclosure').all()) await button.click();
      await page.getByTestId('more-settings').locator('summary').click();
      assert.match(await page.getByTestId('more-settings').locator('summary').textContent(), /Targets per data class \(1 of their own\) · recovery assumptions \(changed\) · notes \(2\)/);
      // Values the user set are shown in their fields, in the field's unit.
      const zone = page.getByTestId('component-failover').getByLabel('Hosted zone id');
      assert.equal(await zone.inputValue(), 'Z0123456789ABCDEFGHIJ');
      assert.equal(await page.getByTestId('component-legacy-uploads').getByLabel('Bucket name in the account').inputValue(), 'legacy-uploads-prod');
      assert.equal(await page.getByTestId('component-copier').getByLabel('Key prefix of scheduled runs').inputValue(), 'uploads/');
      assert.equal(await page.getByLabel('Restore throughput').inputValue(), '200');
      await page.getByTestId('component-failover').scrollIntoViewIfNeeded();
      await screenshot('every-field-plan');
      await openExport(page);
      const settings = page.getByTestId('bundle-settings');
      await settings.locator('summary').click();
      assert.equal(await settings.getByLabel('Project name (default of the input)').inputValue(), 'every-field');
      assert.equal(await settings.locator('[data-path="export.inputs.components.snapshots.memory_mb"] input').inputValue(), 'snapshot_memory_mb');
      // The backup account is exported as its own stack, deployed first (issue 13).
      const files = page.getByTestId('export-files');
      await files.waitFor({ timeout: 20000 });
      await page.getByTestId('export-target').selectOption('all');
      await files.getByRole('button', { name: 'cloudformation/backup-account.yaml' }).waitFor({ timeout: 20000 });
      await screenshot('every-field-bundle-settings');
    },
  },
  {
    name: 'default VPC endpoints: warnings at the gateway fields and no bundle, until they are removed',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      const before = await total(page);
      await page.locator('.add select').selectOption('vpc_endpoints');
      await page.getByTestId('add-component').click();
      const card = page.getByTestId('component-vpc-endpoints');
      const s3 = card.locator('.field.toggle').filter({ hasText: 'S3 gateway endpoint' });
      const dynamodb = card.locator('.field.toggle').filter({ hasText: 'DynamoDB gateway endpoint' });
      await s3.getByText('no lambda_function with in_vpc calls s3').waitFor();
      await dynamodb.getByText('no lambda_function with in_vpc calls dynamodb').waitFor();
      assert.equal(await s3.getByText('calls dynamodb').count(), 0, 'each warning at its own endpoint');
      await screenshot('vpc-endpoints-warnings');
      await openExport(page);
      const blocked = page.getByTestId('export-blocked');
      await blocked.waitFor({ timeout: 20000 });
      assert.match(await blocked.textContent(), /vpc-endpoints/);
      await page.getByTestId('tab-plan').click();
      await s3.getByRole('checkbox').uncheck();
      await dynamodb.getByRole('checkbox').uncheck();
      await card.locator('.message').first().waitFor({ state: 'detached' });
      assert.equal(await total(page), before, 'gateway endpoints are free');
      await openExport(page);
      await page.getByTestId('export-files').waitFor({ timeout: 20000 });
      assert.equal(await page.getByTestId('export-blocked').count(), 0);
    },
  },
  {
    name: 'the failover hosted zone: checked at its field, then in the bundle as the CLI writes it',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('open-site-failover').click();
      const card = page.getByTestId('component-site-failover');
      const zone = card.getByLabel('Hosted zone id');
      await zone.fill('zone-1');
      await card.getByText('is not a Route 53 hosted zone id').waitFor();
      assert.equal(await zone.getAttribute('aria-invalid'), 'true');
      await page.getByTestId('plan-errors').waitFor();
      await screenshot('hosted-zone-invalid');
      await openExport(page);
      const blocked = page.getByTestId('export-blocked');
      await blocked.waitFor({ timeout: 20000 });
      assert.match(await blocked.textContent(), /hosted_zone_id/);
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('open-site-failover').click();
      await page.getByTestId('component-site-failover').getByLabel('Hosted zone id').fill('Z0123456789ABCDEFGHIJ');
      await page.getByTestId('component-site-failover').getByText('is not a Route 53 hosted zone id').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('plan-errors').count(), 0);
      const plan = await planWhen(page, (p) => p.components.find((c) => c.id === 'site-failover').hosted_zone_id === 'Z0123456789ABCDEFGHIJ');
      await openExport(page);
      await page.getByTestId('export-files').getByRole('button', { name: 'variables.tf', exact: true }).click();
      await page.getByTestId('export-preview-path').filter({ hasText: /^variables\.tf$/ }).waitFor();
      const preview = await page.getByTestId('export-preview').textContent();
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-')), 'out');
      cli('export', writePlan(plan), '--target', 'terraform', '--out', out);
      assert.equal(preview, fs.readFileSync(path.join(out, 'variables.tf'), 'utf8'));
      assert.match(preview, /default\s+= "Z0123456789ABCDEFGHIJ"/);
    },
  },
  {
    name: 'DynamoDB reads change the estimate as the CLI prices them',
    async run({ page, base, cli }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-multi-az-dr').click();
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('open-dr-table').click();
      await page.getByTestId('component-dr-table').getByLabel('Reads (billed for tables the plan manages)').fill('250');
      const plan = presetPlan(cli, 'multi-az-dr');
      plan.components.find((c) => c.id === 'dr-table').monthly_reads_millions = 250;
      await waitForTotal(page, linesTotal(cli, plan));
      // One undo step takes it back.
      await page.keyboard.press('Control+z');
      await waitForTotal(page, linesTotal(cli, presetPlan(cli, 'multi-az-dr')));
    },
  },
  {
    name: 'the recovery view shows the CLI\'s recovery and test costs, and edits the tests',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-recovery').click();
      const check = async (plan) => {
        const recovery = JSON.parse(cli('estimate', writePlan(plan), '--format', 'json')).recovery;
        for (const s of recovery.scenarios) {
          const want = s.not_recoverable === null ? usd(s.recovery_cost_usd) : '—';
          assert.equal((await page.getByTestId(`scenario-${s.scenario}-cost`).textContent()).trim(), want, s.scenario);
        }
        assert.equal(await page.getByTestId('testing-monthly').textContent(), usd(recovery.testing_monthly_usd));
        for (const [j, t] of recovery.testing.entries()) {
          assert.equal(await page.getByTestId(`recovery-test-${j}-monthly`).textContent(), usd(t.monthly_usd), t.name);
        }
        return recovery;
      };
      const preset = await check(presetPlan(cli, 'photo-portfolio'));
      assert.ok(preset.testing_monthly_usd > 0, 'seed 004 schedules tests that cost something');
      await page.getByTestId('scenario-region_loss-cost').scrollIntoViewIfNeeded();
      await screenshot('recovery-costs');
      // Restore a tenth of the data, weekly, and keep it four hours.
      const test = page.getByTestId('recovery-test-2');
      await test.getByLabel('Runs', { exact: true }).selectOption('weekly');
      await test.getByLabel("Share of each component's data").fill('10');
      await test.getByLabel('Restored copy kept for checks').fill('4');
      const edited = await planWhen(page, (p) => {
        const t = p.recovery_tests[2];
        return t.frequency === 'weekly' && t.data_percent === 10 && t.keep_restored_hours === 4;
      });
      await check(edited);
      await page.getByTestId('add-recovery-test').click();
      await page.getByTestId('recovery-test-3').waitFor();
      await check(await planWhen(page, (p) => p.recovery_tests.length === 4));
      await page.getByTestId('recovery-test-3').scrollIntoViewIfNeeded();
      await screenshot('recovery-tests');
    },
  },
];
