// The plan belongs to the user (issue 8): a share link never costs later edits, a link
// pasted into an open tab opens, opening anything is one undo away and keeps the old
// plan in Recent plans, and a slow plan in the autosave neither freezes the next load
// nor blocks typing while its fixes are searched.
import assert from 'node:assert/strict';
import { expectedTotal, linesTotal, presetPlan, reloadWithAutosave, slowFixSearchPlan, total, waitForTotal } from './helpers.mjs';

const title = (page) => page.locator('.plan-title').textContent();

async function waitForTitle(page, name) {
  await page.waitForFunction((n) => document.querySelector('.plan-title')?.textContent === n, name, { timeout: 5000 });
}

/// A share link for a preset, made by the app in a browser context of its own.
async function shareLinkOf(browser, base, presetId) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base);
  await total(page);
  await page.getByTestId('tab-presets').click();
  await page.getByTestId(`preset-${presetId}`).click();
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  await context.close();
  return link;
}

async function tickMultiAz(page) {
  await page.getByTestId('open-database').click();
  await page.getByTestId('component-database').getByLabel('Multi-AZ').check();
}

export const tests = [
  {
    name: 'share, edit, reload keeps the edit (the issue 8 repro: rds-pitr, Share link, tick Multi-AZ, reload)',
    async run({ page, base, cli, screenshot }) {
      const plan = presetPlan(cli, 'rds-pitr');
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await waitForTotal(page, expectedTotal(cli, plan));
      await page.getByTestId('share-button').click();
      assert.match(await page.getByTestId('share-link').inputValue(), /#plan=v1\./);
      await tickMultiAz(page);
      plan.components.find((c) => c.id === 'database').multi_az = true;
      const edited = expectedTotal(cli, plan);
      await waitForTotal(page, edited);
      await page.reload();
      await waitForTotal(page, edited);
      assert.ok(!page.url().includes('#plan='), `sharing must leave the address bar alone: ${page.url()}`);
      await page.goto(base);
      await waitForTotal(page, edited);
      await screenshot('share-edit-reload');
    },
  },
  {
    name: 'an opened share link is consumed: edit, reload keeps the edit',
    async run({ page, context, base, cli }) {
      const link = await shareLinkOf(context.browser(), base, 'rds-pitr');
      const plan = presetPlan(cli, 'rds-pitr');
      await page.goto(link);
      await waitForTotal(page, expectedTotal(cli, plan));
      await tickMultiAz(page);
      plan.components.find((c) => c.id === 'database').multi_az = true;
      const edited = expectedTotal(cli, plan);
      await waitForTotal(page, edited);
      await page.reload();
      await waitForTotal(page, edited);
      assert.ok(!page.url().includes('#plan='), `the link stays in the address bar: ${page.url()}`);
    },
  },
  {
    name: 'a link pasted into an open tab opens its plan; the old plan is one undo away and in Recent plans',
    async run({ page, context, base, cli, screenshot }) {
      const link = await shareLinkOf(context.browser(), base, 'multi-az-dr');
      const another = await shareLinkOf(context.browser(), base, 'rds-pitr');
      await page.goto(base);
      await total(page);
      await page.getByLabel('Name', { exact: true }).first().fill('My own plan');
      await waitForTitle(page, 'My own plan');
      const mine = await total(page);
      // Same document: pasting a link to this page changes only the fragment.
      await page.evaluate(() => { window.__sameDocument = true; });
      await page.goto(link);
      const shared = presetPlan(cli, 'multi-az-dr');
      await waitForTitle(page, shared.name);
      await waitForTotal(page, expectedTotal(cli, shared));
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page did not reload');
      assert.ok(!page.url().includes('#plan='), `the link stays in the address bar: ${page.url()}`);
      assert.match(await page.getByTestId('notice').textContent(), /from a share link.*Undo \(Ctrl\+Z\)/);
      await screenshot('pasted-link');
      await page.keyboard.press('Control+z');
      await waitForTitle(page, 'My own plan');
      assert.equal(await total(page), mine);
      await page.keyboard.press('Control+Shift+z');
      await waitForTitle(page, shared.name);
      // A second link pasted straight after opens too.
      await page.goto(another);
      await waitForTitle(page, presetPlan(cli, 'rds-pitr').name);
      await page.getByTestId('tab-presets').click();
      const kept = page.getByTestId('recent-plan').filter({ hasText: 'My own plan' });
      await kept.waitFor();
      assert.match(await kept.textContent(), /replaced by a share link/);
      await screenshot('recent-plans');
      // Reopening it from the list is one more undo step.
      await kept.getByRole('button', { name: 'Reopen' }).click();
      await waitForTitle(page, 'My own plan');
      await page.reload();
      await waitForTitle(page, 'My own plan');
    },
  },
  {
    name: 'loading a preset, then undo, restores the edited plan; typing undoes in one step',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      const plan = presetPlan(cli, 'photo-portfolio');
      // Typing keystroke by keystroke is one undo step.
      const name = page.getByLabel('Name', { exact: true }).first();
      await name.click();
      await name.press('End');
      await name.pressSequentially(' v2', { delay: 30 });
      await waitForTitle(page, `${plan.name} v2`);
      await page.getByTestId('open-portfolio-table').click();
      await page.getByTestId('component-portfolio-table').getByLabel('Keep', { exact: true }).fill('30');
      plan.components[0].on_demand_backups.retention_days = 30;
      const edited = expectedTotal(cli, plan);
      await waitForTotal(page, edited);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await waitForTotal(page, expectedTotal(cli, presetPlan(cli, 'rds-pitr')));
      assert.match(await page.getByTestId('undo').getAttribute('title'), /open the rds-pitr preset/);
      await screenshot('preset-then-undo');
      await page.getByTestId('undo').click();
      await waitForTotal(page, edited);
      await waitForTitle(page, `${plan.name} v2`);
      await page.getByTestId('open-portfolio-table').click();
      assert.equal(await page.getByTestId('component-portfolio-table').getByLabel('Keep', { exact: true }).inputValue(), '30');
      await page.keyboard.press('Control+z');
      await waitForTotal(page, expectedTotal(cli, presetPlan(cli, 'photo-portfolio')));
      await page.keyboard.press('Control+z');
      await waitForTitle(page, plan.name);
      assert.ok(await page.getByTestId('undo').isDisabled(), 'nothing left to undo');
      await page.keyboard.press('Control+y');
      await waitForTitle(page, `${plan.name} v2`);
      await page.getByTestId('redo').click();
      await page.getByTestId('redo').click();
      await waitForTotal(page, expectedTotal(cli, presetPlan(cli, 'rds-pitr')));
    },
  },
  {
    name: 'a start that never finished does not reopen its autosave, which waits in Recent plans',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      const poisoned = { ...slowFixSearchPlan(), name: 'Froze the tab' };
      // What a tab killed while opening the autosave leaves behind: the plan and the
      // mark of a start in progress.
      await page.evaluate((json) => {
        localStorage.setItem('drplan.plan.v1', json);
        localStorage.setItem('drplan.starting.v1', 'starting');
      }, JSON.stringify(poisoned));
      await page.reload();
      const fallback = presetPlan(cli, 'photo-portfolio');
      await waitForTitle(page, fallback.name);
      assert.match(await page.getByTestId('notice').textContent(), /stopped while opening "Froze the tab"/);
      await screenshot('interrupted-start');
      await page.getByTestId('tab-presets').click();
      const kept = page.getByTestId('recent-plan').filter({ hasText: 'Froze the tab' });
      await kept.getByRole('button', { name: 'Reopen' }).click();
      await waitForTitle(page, 'Froze the tab');
      await waitForTotal(page, linesTotal(cli, poisoned));
      // This start finished: the next one opens the autosave again.
      await page.reload();
      await waitForTitle(page, 'Froze the tab');
    },
  },
  {
    name: 'a slow plan in the autosave does not freeze the next load, and typing answers while fixes compute',
    async run({ page, base, cli, screenshot }) {
      const plan = slowFixSearchPlan();
      await page.goto(base);
      await total(page);
      await reloadWithAutosave(page, plan);
      await waitForTotal(page, linesTotal(cli, plan));
      await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
      });
      await page.getByTestId('tab-recovery').click();
      // The matrix is the cheap assessment: there at once, while the fix list searches.
      assert.match(await page.getByTestId('scenario-deletion-rpo').textContent(), /^(\d+(\.\d+)? (min|h|d)|not recoverable)$/);
      await page.getByTestId('fixes-computing').waitFor();
      await screenshot('fixes-computing');
      await page.getByTestId('tab-plan').click();
      await page.getByTestId('open-d0').click();
      const stored = page.getByTestId('component-d0').getByLabel('Stored data');
      for (const gb of [250, 400, 650]) {
        await stored.fill(String(gb));
        plan.components[0].stored_gb = gb;
        const want = linesTotal(cli, plan);
        // The total follows each edit, whether the fix search for it is still running
        // or (bounded since issue 8, it often is not) has already answered.
        await page.waitForFunction((w) => document.querySelector('[data-testid="total-monthly-cost"]')?.textContent === w, want, { timeout: 5000 });
      }
      const tasks = await page.evaluate(() => window.__longTasks.map(Math.round));
      console.log(`     main-thread tasks over 50 ms after the load (recovery tab, three edits): ${JSON.stringify(tasks)} ms`);
      await screenshot('slow-plan-editing');
    },
  },
];

