import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPack } from '../../src-controller/server/cli/build-pack';
import { openPackSource } from '../../src-controller/server/packs/open-pack-source';
import { DEFAULT_PACK_LIMITS } from '../../src-controller/server/packs/pack-limits';
import { buildZip } from '../helpers/zip';
import { expect, screenshotPath, test } from './fixtures';

const work = mkdtempSync(join(tmpdir(), 'hallcue-packs-ui-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A real .hcpack made from a demo pack folder with a new id and title. */
async function makePack(): Promise<string> {
  const dir = join(work, 'anniversary');
  cpSync(join(import.meta.dirname, '..', '..', 'assets', 'packs', '3-political-birthday'), dir, {
    recursive: true,
  });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.id = 'hall-anniversary';
  manifest.version = '2.0.0';
  manifest.title = { zh: '展厅周年纪念', en: 'Hall anniversary' };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const out = join(work, 'hall-anniversary.hcpack');
  const source = await openPackSource(dir, DEFAULT_PACK_LIMITS);
  await buildPack(source, out, DEFAULT_PACK_LIMITS);
  await source.close();
  return out;
}

test('a curator uploads a pack, publishes it to key 4, and the operator switches to it', async ({
  page,
  startHall,
  openScreen,
}) => {
  const controller = await startHall();
  const pack = await makePack();
  const screen = await openScreen(controller.url, 'curator-check');
  await page.setViewportSize({ width: 1440, height: 1100 });
  await page.goto(controller.url);
  await expect(page.locator('.connection')).toContainText('connected');

  await page.getByTestId('pack-file').setInputFiles(pack);
  const report = page.getByTestId('upload-report');
  await expect(report).toContainText('Imported hall-anniversary 2.0.0');
  const row = page.locator('tr[data-pack="hall-anniversary@2.0.0"]');
  await expect(row).toContainText('展厅周年纪念');

  await row.getByLabel('theme key').selectOption('4');
  await row.getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('.theme-key[data-key="4"]')).toContainText('展厅周年纪念');
  await page.screenshot({ path: screenshotPath('console-library.png'), fullPage: true });

  await page.keyboard.press('4');
  await expect(screen.locator('#screen-root')).toHaveAttribute('data-theme', '4');
  await expect(row.getByRole('button', { name: 'Delete' })).toBeDisabled();
});

test('a bad pack is refused in the page with every problem listed, and nothing changes', async ({
  page,
  startHall,
}) => {
  const controller = await startHall();
  const bad = join(work, 'bad.hcpack');
  writeFileSync(
    bad,
    buildZip([
      {
        name: 'manifest.json',
        data: Buffer.from(
          JSON.stringify({
            format: 'hallcue-pack/1',
            id: 'broken',
            version: '1.0.0',
            title: { zh: '坏', en: 'Broken' },
            roles: {
              main: { slides: [{ type: 'image', src: 'media/missing.png', duration: -1 }] },
            },
          }),
        ),
      },
      { name: '../escape.png', data: Buffer.from('x') },
    ]),
  );
  await page.goto(controller.url);
  const versions = page.locator('table.packs tr');
  await expect(versions).toHaveCount(3);
  await page.getByTestId('pack-file').setInputFiles(bad);
  const report = page.getByTestId('upload-report');
  await expect(report).toContainText('Refused');
  await expect(report).toContainText('climbs out of the pack');
  await expect(report).toContainText('/roles/main/slides/0/duration');
  await page.screenshot({ path: screenshotPath('console-pack-refused.png') });
  await expect(versions).toHaveCount(3);
});
