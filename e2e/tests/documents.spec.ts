import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN } from '../env';
import { nav, screenshot, signIn } from './helpers';

/** A valid PDF padded to about `size` bytes, so the upload takes long enough to show progress. */
function pdf(marker: string, size = 2 * 1024 * 1024): Buffer {
  const head = `%PDF-1.4\n% ${marker}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n`;
  const tail = 'trailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const padding = `% ${'x'.repeat(70)}\n`.repeat(
    Math.max(0, Math.floor((size - head.length - tail.length) / 73)),
  );
  return Buffer.from(head + padding + tail, 'latin1');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('upload a PDF to the library with a progress bar, add a version, download', async ({ page }) => {
  const title = `Sampling SOP ${Date.now().toString(36)}`;
  const first = pdf('first');
  const second = pdf('second', 300 * 1024);
  await signIn(page, ADMIN);
  await nav(page, 'Documents');
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();

  // hold the upload's answer a moment so the finished progress bar can be seen before the page moves on
  await page.route('**/api/v1/documents', async (route) => {
    if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Upload document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Upload a document' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.locator('input[type=file]').first().setInputFiles({
    name: 'sampling-sop.pdf',
    mimeType: 'application/pdf',
    buffer: first,
  });
  // the bar fills as the bytes go out (the answer is held back above, so the dialog stays open)
  const bar = dialog.getByRole('progressbar', { name: 'Upload of sampling-sop.pdf' });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(dialog.getByText('sampling-sop.pdf — 100%')).toBeVisible();

  // the new document's page, with its first version
  await expect(page.getByRole('heading', { name: new RegExp(`DOC-\\d{6} · ${title}`) })).toBeVisible();
  const v1 = page.getByTestId('version-1');
  await expect(v1).toContainText('sampling-sop.pdf');
  await expect(v1).toContainText(sha256(first).slice(0, 16));

  // a new version, with a note
  await page.getByLabel('What changed').fill('Added the courier step');
  await page.locator('input[type=file]').first().setInputFiles({
    name: 'sampling-sop-v2.pdf',
    mimeType: 'application/pdf',
    buffer: second,
  });
  const v2 = page.getByTestId('version-2');
  await expect(v2).toContainText('sampling-sop-v2.pdf');
  await expect(v2).toContainText('Added the courier step');
  await expect(v2).toContainText('current');
  await screenshot(page, 'document-detail');

  // download the first version: the same bytes come back
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download version 1' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('sampling-sop.pdf');
  const path = await download.path();
  expect(sha256(readFileSync(path))).toBe(sha256(first));

  // and it is in the library list
  await nav(page, 'Documents');
  await expect(page.getByRole('link', { name: title }).or(page.getByText(title)).first()).toBeVisible();
  await screenshot(page, 'documents-library');
});
