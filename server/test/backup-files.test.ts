import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/client.ts';
import { reports } from '../src/db/schema/index.ts';
import { writeBackup } from '../src/db/seed/backup.ts';
import { uploadFolderFiles } from '../src/db/seed/backup-files.ts';
import { restoreBackup } from '../src/db/seed/restore.ts';
import { createTestApp, openTestDatabase, type TestApp } from './app.ts';
import {
  makeDocument,
  pdfBytes,
  removeDir,
  storedFiles,
  uploadDir,
  uploadVersion,
} from './factories/documents.ts';
import { login } from './factories/index.ts';
import { jobsSettled, makeApprovedBench } from './factories/reports.ts';

/**
 * A backup carries the uploaded files its rows refer to (document versions, report PDFs and
 * contents, also the older `local:` report files), and restore writes them back under the same
 * keys, checked by SHA-256: the restored lab downloads the very same bytes.
 */
const SLOW = { timeout: 180_000 };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const dirs: string[] = [];
const newDir = () => {
  const d = uploadDir();
  dirs.push(d);
  return d;
};
let source: TestApp;
let sourceDir: string;
let bench: Awaited<ReturnType<typeof makeApprovedBench>>;
let documentId: string;
let reportId: string;
let legacyRef: string;
/** What the API serves in the source lab: url → SHA-256 of the body. */
const served = new Map<string, string>();
const backupFile = () => join(newDir(), 'lab.backup.gz');

async function download(t: TestApp, url: string, headers = bench.manager.headers) {
  const res = await t.app.inject({ url, headers });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return sha256(res.rawPayload);
}

beforeAll(async () => {
  sourceDir = newDir();
  source = await createTestApp({ UPLOAD_DIR: sourceDir });
  bench = await makeApprovedBench(source.app, { samples: 1 });
  const doc = await makeDocument(source.app, bench.manager.headers, { title: 'Tensile SOP' });
  documentId = doc.id;
  const v2 = await uploadVersion(source.app, bench.manager.headers, documentId, {
    name: 'sop-v2.pdf',
    content: pdfBytes('second version'),
  });
  expect(v2.statusCode, v2.body).toBe(201);
  const created = await source.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: bench.manager.headers,
    payload: { project_id: bench.project.id },
  });
  expect(created.statusCode, created.body).toBe(201);
  reportId = created.json().id;
  await jobsSettled(source.app);

  // A report PDF kept the older way, as UPLOAD_DIR/reports/<name> (`local:` key).
  const [report] = await source.app.db.select().from(reports).where(eq(reports.id, reportId));
  expect(report.status).toBe('draft');
  const name = `${randomBytes(16).toString('hex')}.pdf`;
  mkdirSync(join(sourceDir, 'reports'), { recursive: true });
  writeFileSync(join(sourceDir, 'reports', name), pdfBytes('legacy report file'));
  legacyRef = `local:${name}`;
  await source.app.db.update(reports).set({ pdf_key: legacyRef }).where(eq(reports.id, reportId));
  // (the store: PDF the job wrote stays referenced by no row, so the backup must leave it out)

  for (const version of [1, 2]) {
    const url = `/api/v1/documents/${documentId}/download?version=${version}`;
    served.set(url, await download(source, url));
  }
  const pdfUrl = `/api/v1/reports/${reportId}/download`;
  served.set(pdfUrl, await download(source, pdfUrl));
}, 240_000);

afterAll(async () => {
  await source?.close();
  for (const d of dirs) removeDir(d);
});

describe('files in backups', SLOW, () => {
  it('backs up every referenced file and restores it under its key, byte for byte', async () => {
    const file = backupFile();
    const written = await writeBackup(source.database, file, { files: uploadFolderFiles(sourceDir) });
    // two document versions, the report's content JSON and its (local) PDF
    expect(written).toMatchObject({ files: 4, missingFiles: [] });
    expect(written.fileBytes).toBeGreaterThan(0);

    const targetDir = newDir();
    const target = await openTestDatabase();
    const restored = await restoreBackup(target, file, { files: uploadFolderFiles(targetDir) });
    expect(restored).toMatchObject({ files: 4, fileBytes: written.fileBytes, missingFiles: [] });
    // exactly the referenced files came over: not the orphaned draft PDF, no temporary files
    expect(storedFiles(targetDir)).toHaveLength(4);
    expect(readFileSync(join(targetDir, 'reports', legacyRef.slice(6)))).toEqual(
      readFileSync(join(sourceDir, 'reports', legacyRef.slice(6))),
    );

    const restoredApp = await createTestApp({ UPLOAD_DIR: targetDir }, target);
    try {
      // (each test app signs tokens with its own key: sign in again on the restored lab)
      const { headers } = await login(restoredApp.app, bench.manager.user.email);
      for (const [url, hash] of served) expect(await download(restoredApp, url, headers), url).toBe(hash);
    } finally {
      await restoredApp.close();
    }
  });

  it('names the files the upload folder lacks, and still backs up the rest', async () => {
    const [key] = await rows<{ storage_key: string }>(
      source.app.db,
      sql`select storage_key from document_versions where document_id = ${documentId} and version = 1`,
    );
    const path = join(sourceDir, key.storage_key.slice(0, 2), key.storage_key);
    const bytes = readFileSync(path);
    rmSync(path);
    try {
      const file = backupFile();
      const written = await writeBackup(source.database, file, { files: uploadFolderFiles(sourceDir) });
      expect(written).toMatchObject({ files: 3, missingFiles: [`store:${key.storage_key}`] });
      const target = await openTestDatabase();
      try {
        const restored = await restoreBackup(target, file, { files: uploadFolderFiles(newDir()) });
        expect(restored).toMatchObject({ files: 3, missingFiles: [`store:${key.storage_key}`] });
      } finally {
        await target.close();
      }
    } finally {
      writeFileSync(path, bytes);
    }
  });

  it('refuses a file whose bytes were altered, and leaves neither rows nor files behind', async () => {
    const file = backupFile();
    await writeBackup(source.database, file, { files: uploadFolderFiles(sourceDir) });
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    // the last chunk of the second file: the first file was written whole before the damage shows
    const starts = lines.flatMap((l, i) => (l.startsWith('{"file":') ? [i] : []));
    expect(starts.length).toBe(4);
    const chunk = starts[1] + 1;
    const bytes = Buffer.from(JSON.parse(lines[chunk]) as string, 'base64');
    bytes[bytes.length - 1] ^= 0xff;
    lines[chunk] = JSON.stringify(bytes.toString('base64'));
    const damaged = backupFile();
    writeFileSync(damaged, gzipSync(lines.join('\n')));

    const targetDir = newDir();
    const target = await openTestDatabase();
    try {
      await expect(restoreBackup(target, damaged, { files: uploadFolderFiles(targetDir) })).rejects.toThrow(
        /The backup is damaged: file store:.* bytes \(SHA-256 /,
      );
      const [count] = await rows<{ n: number }>(
        target.db,
        sql`select count(*)::int as n from document_versions`,
      );
      expect(count.n).toBe(0);
      expect(storedFiles(targetDir)).toEqual([]);
    } finally {
      await target.close();
    }
  });
});
