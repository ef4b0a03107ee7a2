// The recovery view: the scenario matrix with the core's figures, and fixes that apply
// in one click and cost what they say.
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
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
  {
    name: 'the first load fetches no worker; the fix list follows an edit, never showing the old plan\'s fixes',
    async run({ page, base, screenshot }) {
      // Every file the page fetches, with the bytes of its body gzip-compressed (what a
      // static host sends): the first load is the app's main module, not the worker's.
      const fetched = [];
      page.on('response', async (r) => {
        const body = await r.body().catch(() => Buffer.alloc(0));
        fetched.push({ file: new URL(r.url()).pathname, gzip: zlib.gzipSync(body, { level: 9 }).length });
      });
      await page.goto(base);
      await total(page);
      await page.waitForLoadState('networkidle');
      const first = fetched.slice();
      const sum = first.reduce((n, f) => n + f.gzip, 0);
      console.log(`     first load: ${first.map((f) => `${f.file} ${f.gzip} B`).join(', ')}; ${sum} B gzip in all`);
      assert.ok(first.some((f) => /drplan-web-.*_bg\.wasm$/.test(f.file)), JSON.stringify(first));
      assert.ok(!first.some((f) => f.file.includes('worker')), `the first load fetched a worker: ${JSON.stringify(first)}`);

      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await page.getByTestId('tab-recovery').click();
      const multiAz = page.locator('[data-testid^="fix-"]').filter({ hasText: 'Multi-AZ' });
      await multiAz.first().waitFor();
      // The fix list is what started the worker.
      assert.ok(fetched.some((f) => /drplan-export-worker_bg\.wasm$/.test(f.file)), JSON.stringify(fetched));

      // An edit in the editor that meets the AZ-loss target: the fix list, back in
      // view, is the new plan's (searching or answered), never the old one's.
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('open-database').click();
      await page.getByTestId('component-database').getByLabel('Multi-AZ').check();
      await page.getByTestId('tab-recovery').click();
      const settled = () => page.waitForFunction(() => !document.querySelector('[data-testid="fixes-computing"]')
        && document.querySelector('[data-testid="fixes-full"], [data-testid="fixes-partial"], [data-testid="no-fixes"], [data-testid="no-full-fix"]'));
      await page.waitForFunction(() => document.querySelector('[data-testid="scenario-az_loss-rto"]')?.parentElement.className.includes('meets'));
      await settled();
      assert.equal(await multiAz.count(), 0, 'the Multi-AZ fix is still offered once the plan is Multi-AZ');
      // Undone while the list is in view: the fix comes back with the old plan.
      await page.keyboard.press('Control+z');
      await page.waitForFunction(() => document.querySelector('[data-testid="scenario-az_loss-rto"]')?.parentElement.className.includes('misses'));
      await multiAz.first().waitFor();
      await screenshot('fixes-after-edit');
    },
  },
];
