// Keeping and sharing: autosave across reloads, share links into a fresh page, and a
// broken link that leaves the plan intact (see 08-plan-state for links in an open tab).
import assert from 'node:assert/strict';
import { total, waitForTotal } from './helpers.mjs';

async function renamePlan(page, name) {
  await page.getByLabel('Name', { exact: true }).first().fill(name);
  await page.waitForFunction((n) => document.querySelector('.plan-title')?.textContent === n, name);
}

export const tests = [
  {
    name: 'a reload keeps the plan',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await renamePlan(page, 'Kept across reloads');
      const before = await total(page);
      await page.reload();
      assert.equal(await total(page), before);
      assert.equal(await page.locator('.plan-title').textContent(), 'Kept across reloads');
    },
  },
  {
    // The autosave waits for a pause in typing; leaving the page must not lose what
    // was typed just before.
    name: 'a reload, a closed tab or a navigation right after the last keystroke keeps it',
    async run({ page, context, base }) {
      const title = (p) => p.locator('.plan-title').textContent();
      const name = (p) => p.getByLabel('Name', { exact: true }).first();
      await page.goto(base);
      await total(page);
      await page.getByTestId('open-media').click();
      const stored = page.locator('[data-testid="component-media"] .field').filter({ hasText: 'Stored data' }).locator('input');
      await stored.fill('');
      await stored.pressSequentially('4321');
      await name(page).fill('');
      await name(page).pressSequentially('Typed, then reloaded');
      await page.waitForFunction(() => document.querySelector('.plan-title')?.textContent === 'Typed, then reloaded');
      const typed = await total(page);
      await page.reload();
      assert.equal(await total(page), typed);
      assert.equal(await title(page), 'Typed, then reloaded');
      await page.getByTestId('open-media').click();
      assert.equal(await stored.inputValue(), '4321');

      await name(page).press('End');
      await name(page).pressSequentially(' and closed');
      await page.close({ runBeforeUnload: true });
      const next = await context.newPage();
      await next.goto(base);
      await total(next);
      assert.equal(await title(next), 'Typed, then reloaded and closed');

      await name(next).press('End');
      await name(next).pressSequentially(' and left');
      await next.goto('about:blank');
      await next.goto(base);
      await total(next);
      assert.equal(await title(next), 'Typed, then reloaded and closed and left');
    },
  },
  {
    name: 'a share link restores the plan in a fresh page',
    async run({ page, context, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-multi-az-dr').click();
      await renamePlan(page, 'Shared plan ✓ "quoted"');
      const expected = await total(page);
      await page.getByTestId('share-button').click();
      const link = await page.getByTestId('share-link').inputValue();
      assert.match(link, /#plan=v1\./);
      await screenshot('share-link');
      // A fresh browser context has no autosave: the link alone must carry the plan.
      const fresh = await context.browser().newContext();
      const other = await fresh.newPage();
      await other.goto(link);
      await waitForTotal(other, expected);
      assert.equal(await other.locator('.plan-title').textContent(), 'Shared plan ✓ "quoted"');
      await fresh.close();
    },
  },
  {
    name: 'a broken share link leaves the plan intact',
    async run({ page, base, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-presets').click();
      await page.getByTestId('preset-rds-pitr').click();
      await renamePlan(page, 'Must survive');
      const before = await total(page);
      // Pasted into this tab, and opened in a fresh page: both say why, both keep the plan.
      await page.goto(`${base}#plan=v1.AAAA-broken-link`);
      await page.getByTestId('notice').filter({ hasText: 'could not be opened' }).waitFor();
      assert.equal(await total(page), before);
      assert.equal(await page.locator('.plan-title').textContent(), 'Must survive');
      await page.goto('about:blank');
      await page.goto(`${base}#plan=v1.AAAA-broken-link`);
      await page.getByTestId('notice').filter({ hasText: 'could not be opened' }).waitFor();
      assert.equal(await total(page), before);
      assert.equal(await page.locator('.plan-title').textContent(), 'Must survive');
      assert.ok(!page.url().includes('#plan='), 'a link is read once, even a broken one');
      await screenshot('broken-link');
    },
  },
];
