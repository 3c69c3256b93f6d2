import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import {
  htmlBytes,
  makeDocument,
  multipart,
  pdfBytes,
  pngBytes,
  removeDir,
  storedFiles,
  uploadDir,
  uploadDocument,
} from '../../../test/factories/documents.ts';
import { makeCustomer, signedIn } from '../../../test/factories/index.ts';

const LIMIT = 64 * 1024;
let t: TestApp;
let dir: string;
let engineer: Record<string, string>;

beforeAll(async () => {
  dir = uploadDir();
  t = await createTestApp({ UPLOAD_DIR: dir, MAX_UPLOAD_SIZE: LIMIT });
  engineer = (await signedIn(t.app, 'engineer')).headers;
});
afterAll(async () => {
  await t?.close();
  removeDir(dir);
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('POST /documents', () => {
  it('stores the file and gives it back byte for byte with its SHA-256', async () => {
    const bytes = pdfBytes();
    const res = await uploadDocument(
      t.app,
      engineer,
      { title: 'Wash test photo sheet' },
      {
        name: 'sheet.pdf',
        content: bytes,
        type: 'text/html', // the client's claim is ignored: the content decides
      },
    );
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc.number).toMatch(/^DOC-\d{6}$/);
    expect(res.headers.location).toBe(`/api/v1/documents/${doc.id}`);
    expect(doc).toMatchObject({ title: 'Wash test photo sheet', kind: 'attachment', status: 'active' });
    expect(doc.versions).toHaveLength(1);
    expect(doc.versions[0]).toMatchObject({
      version: 1,
      filename: 'sheet.pdf',
      content_type: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      is_current: true,
    });
    expect(doc.versions[0]).not.toHaveProperty('storage_key');

    const down = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.id}/download`,
      headers: engineer,
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(bytes)).toBe(true);
    expect(down.headers['x-content-sha256']).toBe(sha256(bytes));
    expect(sha256(down.rawPayload)).toBe(down.headers['x-content-sha256']);
    expect(down.headers['content-type']).toBe('application/pdf');
  });

  it('uses the file name as the title when none is given', async () => {
    const doc = await makeDocument(t.app, engineer, {}, { name: 'pixel.png', content: pngBytes() });
    expect(doc.title).toBe('pixel.png');
    expect(doc.versions[0].content_type).toBe('image/png');
  });

  it('accepts office files, plain text and CSV by their content', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Results').addRow(['sample', 'value']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const sheet = await makeDocument(t.app, engineer, {}, { name: 'results.xlsx', content: xlsx });
    expect(sheet.versions[0].content_type).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const csv = await makeDocument(t.app, engineer, {}, { name: 'values.csv', content: 'a;b\n1;2\nÄ;é\n' });
    expect(csv.versions[0].content_type).toBe('text/csv');
    const txt = await makeDocument(
      t.app,
      engineer,
      {},
      { name: 'notes.txt', content: 'Conditioned 24 h.\n' },
    );
    expect(txt.versions[0].content_type).toBe('text/plain');
  });

  it('refuses a file over MAX_UPLOAD_SIZE with 413 and keeps nothing of it', async () => {
    const before = storedFiles(dir).length;
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(LIMIT + 10, 0x20)]);
    const res = await uploadDocument(
      t.app,
      engineer,
      { title: 'Too big' },
      { name: 'big.pdf', content: big },
    );
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(storedFiles(dir).length).toBe(before);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/documents?q=Too big', headers: engineer });
    expect(list.json().total).toBe(0);
  });

  it('accepts a file of exactly MAX_UPLOAD_SIZE', async () => {
    const pdf = pdfBytes();
    const exact = Buffer.concat([pdf, Buffer.alloc(LIMIT - pdf.length, 0x20)]);
    const doc = await makeDocument(t.app, engineer, {}, { name: 'exact.pdf', content: exact });
    expect(doc.versions[0].size).toBe(LIMIT);
  });

  it('refuses HTML renamed .pdf with 415 naming file, and keeps nothing', async () => {
    const before = storedFiles(dir).length;
    const res = await uploadDocument(
      t.app,
      engineer,
      {},
      {
        name: 'invoice.pdf',
        content: htmlBytes(),
        type: 'application/pdf',
      },
    );
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('file');
    expect(storedFiles(dir).length).toBe(before);
  });

  it('refuses HTML even named .txt, a PNG named .pdf, and unknown binaries', async () => {
    const html = await uploadDocument(t.app, engineer, {}, { name: 'readme.txt', content: htmlBytes() });
    expect(html.statusCode).toBe(415);
    const png = await uploadDocument(t.app, engineer, {}, { name: 'scan.pdf', content: pngBytes() });
    expect(png.statusCode).toBe(415);
    expect(png.json().detail).toMatch(/PNG.*\.pdf/);
    const exe = await uploadDocument(
      t.app,
      engineer,
      {},
      {
        name: 'tool.txt',
        content: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]),
      },
    );
    expect(exe.statusCode).toBe(415);
    const noExt = await uploadDocument(t.app, engineer, {}, { name: 'plain', content: 'just text' });
    expect(noExt.statusCode).toBe(415);
  });

  it('answers 422 naming file when no file is sent, and 415 for a JSON body', async () => {
    const body = multipart({ title: 'No file' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...engineer, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: engineer,
      payload: { title: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const empty = await uploadDocument(t.app, engineer, {}, { name: 'empty.pdf', content: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('file');
  });

  it('validates the fields, naming each bad one, before storing anything', async () => {
    const before = storedFiles(dir).length;
    const res = await uploadDocument(t.app, engineer, { kind: 'secret', customer_visible: 'maybe' });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'customer_visible']));
    const controlled = await uploadDocument(t.app, engineer, { kind: 'controlled' });
    expect(controlled.statusCode).toBe(422);
    expect(controlled.json().errors[0].field).toBe('category');
    const badLink = await uploadDocument(t.app, engineer, {
      entity_type: 'project',
      entity_id: '01900000-0000-7000-8000-000000000000',
    });
    expect(badLink.statusCode).toBe(422);
    expect(badLink.json().errors[0].field).toBe('entity_id');
    const halfLink = await uploadDocument(t.app, engineer, { entity_type: 'project' });
    expect(halfLink.statusCode).toBe(422);
    expect(halfLink.json().errors[0].field).toBe('entity_id');
    expect(storedFiles(dir).length).toBe(before);
  });

  it('refuses a second file and a file under another field name', async () => {
    const two = multipart({}, [
      { name: 'a.pdf', content: pdfBytes() },
      { name: 'b.pdf', content: pdfBytes() },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...engineer, ...two.headers },
      payload: two.payload,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const other = multipart({}, [{ name: 'a.pdf', content: pdfBytes(), field: 'attachment' }]);
    const res2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...engineer, ...other.headers },
      payload: other.payload,
    });
    expect(res2.statusCode).toBe(422);
    expect(res2.json().errors[0].field).toBe('attachment');
  });

  it('sanitizes hostile file names: no directories, control characters or endless names', async () => {
    const traversal = await makeDocument(
      t.app,
      engineer,
      {},
      { name: '../../etc/passwd.pdf', content: pdfBytes() },
    );
    expect(traversal.versions[0].filename).toBe('passwd.pdf');
    const windows = await makeDocument(
      t.app,
      engineer,
      {},
      { name: 'C:\\temp\\..\\x.pdf', content: pdfBytes() },
    );
    expect(windows.versions[0].filename).toBe('x.pdf');
    const control = await makeDocument(
      t.app,
      engineer,
      {},
      {
        name: 'rep\u0007ort\u202Efdp.pdf',
        content: pdfBytes(),
      },
    );
    expect(control.versions[0].filename).toBe('reportfdp.pdf');
    const long = await makeDocument(
      t.app,
      engineer,
      {},
      { name: `${'a'.repeat(400)}.pdf`, content: pdfBytes() },
    );
    expect(long.versions[0].filename.length).toBeLessThanOrEqual(150);
    expect(long.versions[0].filename.endsWith('.pdf')).toBe(true);
    const dots = await makeDocument(t.app, engineer, {}, { name: '...pdf', content: pdfBytes() });
    expect(dots.versions[0].filename).toBe('pdf');
    // the stored objects are named by the server, never after the client's name
    for (const path of storedFiles(dir)) expect(path).not.toMatch(/passwd|\.pdf$/);
  });

  it('links the new document to a record named in the upload', async () => {
    const customer = await makeCustomer(t.app);
    const doc = await makeDocument(t.app, engineer, { entity_type: 'customer', entity_id: customer.id });
    expect(doc.links).toEqual([expect.objectContaining({ entity_type: 'customer', entity_id: customer.id })]);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/documents?entity_type=customer&entity_id=${customer.id}`,
      headers: engineer,
    });
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
  });

  it('replays an upload retried with the same Idempotency-Key', async () => {
    const key = `upload-${Date.now()}`;
    const first = await uploadDocument(t.app, { ...engineer, 'idempotency-key': key }, { title: 'Once' });
    const second = await uploadDocument(t.app, { ...engineer, 'idempotency-key': key }, { title: 'Once' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/documents?q=Once', headers: engineer });
    expect(list.json().total).toBe(1);
  });
});
