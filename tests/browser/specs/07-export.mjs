// Export: the bundle is generated in a worker, previewed file by file, and downloaded
// as a zip whose files are exactly what `drplan export` writes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { total } from './helpers.mjs';

function listDir(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listDir(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

export const tests = [
  {
    name: 'the exported zip contains the expected files',
    async run({ page, base, cli, screenshot }) {
      await page.goto(base);
      await total(page);
      await page.getByTestId('tab-export').click();
      await page.getByTestId('export-files').waitFor({ timeout: 20000 });
      await page.getByTestId('export-target').selectOption('all');
      await page.getByTestId('export-files').locator('text=cdk-typescript/').first().waitFor({ timeout: 20000 });
      await page.getByTestId('export-files').getByRole('button', { name: 'terraform/main.tf' }).click();
      await page.getByTestId('export-preview-path').filter({ hasText: 'terraform/main.tf' }).waitFor();
      const preview = await page.getByTestId('export-preview').textContent();
      await screenshot('export');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drplan-zip-'));
      const zip = path.join(dir, 'bundle.zip');
      await download.saveAs(zip);
      const listing = JSON.parse(execFileSync('python3', ['-c',
        'import sys, json, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({n: z.read(n).decode() for n in z.namelist()}))', zip], { encoding: 'utf8', maxBuffer: 64 << 20 }));
      const out = path.join(dir, 'cli');
      cli('export', 'photo-portfolio', '--target', 'all', '--out', out);
      // The CLI also writes its manifest (.drplan-export.json, for `export --force`).
      const expected = listDir(out).filter((f) => f !== '.drplan-export.json').sort();
      assert.deepEqual(Object.keys(listing).sort(), expected);
      for (const file of expected) assert.equal(listing[file], fs.readFileSync(path.join(out, file), 'utf8'), file);
      assert.equal(preview, fs.readFileSync(path.join(out, 'terraform', 'main.tf'), 'utf8'), 'the preview shows the file as exported');
    },
  },
  {
    name: 'an invalid plan is refused with its problems',
    async run({ page, base }) {
      await page.goto(base);
      await total(page);
      await page.getByLabel('Projection horizon').fill('500');
      await page.getByTestId('tab-export').click();
      const blocked = page.getByTestId('export-blocked');
      await blocked.waitFor({ timeout: 20000 });
      assert.match(await blocked.textContent(), /horizon_months/);
      assert.ok(await page.getByTestId('export-download').isDisabled());
    },
  },
];
