import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { makeDocument, pdfBytes, pngBytes, removeDir, uploadDir } from '../../../test/factories/documents.ts';
import { signedIn } from '../../../test/factories/index.ts';
import { parseRange } from './documents.download.ts';
import { contentDisposition } from './file-types.ts';

let t: TestApp;
let dir: string;
let headers: Record<string, string>;
let pdf: Buffer;
let doc: { id: string };

beforeAll(async () => {
  dir = uploadDir();
  t = await createTestApp({ UPLOAD_DIR: dir });
  headers = (await signedIn(t.app, 'engineer')).headers;
  pdf = pdfBytes();
  doc = await makeDocument(t.app, headers, {}, { name: 'Prüfbericht «Nr 7».pdf', content: pdf });
});
afterAll(async () => {
  await t?.close();
  removeDir(dir);
});

const download = (id: string, extra: Record<string, string> = {}, query = '') =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/documents/${id}/download${query}`,
    headers: { ...headers, ...extra },
  });

describe('GET /documents/{id}/download', () => {
  it('sends an attachment with a safe ASCII name and the exact name per RFC 5987', async () => {
    const res = await download(doc.id);
    expect(res.statusCode).toBe(200);
    const disposition = res.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="Pr_fbericht _Nr 7_.pdf"; filename\*=UTF-8''/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Prüfbericht «Nr 7».pdf')}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-length']).toBe(String(pdf.length));
    expect(res.headers['repr-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/=]+:$/);
  });

  it('shows a PDF or an image inline only when asked, still under a restrictive CSP', async () => {
    const inline = await download(doc.id, {}, '?inline=1');
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-security-policy']).toContain("default-src 'none'");
    const image = await makeDocument(t.app, headers, {}, { name: 'dot.png', content: pngBytes() });
    const img = await download(image.id, {}, '?inline=true');
    expect(img.headers['content-disposition']).toMatch(/^inline;/);
    expect(img.headers['content-type']).toBe('image/png');
  });

  it('never serves text inline, and marks it nosniff as plain text', async () => {
    const text = await makeDocument(t.app, headers, {}, { name: 'notes.txt', content: 'hello <b>world</b>' });
    const res = await download(text.id, {}, '?inline=1');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a byte range with 206 and Content-Range', async () => {
    const res = await download(doc.id, { range: 'bytes=0-7' });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-7/${pdf.length}`);
    expect(res.rawPayload.equals(pdf.subarray(0, 8))).toBe(true);
    const tail = await download(doc.id, { range: 'bytes=-6' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(pdf.subarray(pdf.length - 6))).toBe(true);
    const open = await download(doc.id, { range: `bytes=${pdf.length - 3}-` });
    expect(open.rawPayload.equals(pdf.subarray(pdf.length - 3))).toBe(true);
    // the stored hash is of the whole file, sent with the part too
    expect(open.headers['x-content-sha256']).toBe((await download(doc.id)).headers['x-content-sha256']);
  });

  it('answers 416 with the size for a range past the end, and the whole file for several ranges', async () => {
    const res = await download(doc.id, { range: `bytes=${pdf.length}-` });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${pdf.length}`);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const several = await download(doc.id, { range: 'bytes=0-1,4-5' });
    expect(several.statusCode).toBe(200);
    expect(several.rawPayload.equals(pdf)).toBe(true);
  });

  it('answers 404 for a version that does not exist and 422 for a bad one', async () => {
    expect((await download(doc.id, {}, '?version=9')).statusCode).toBe(404);
    expect((await download(doc.id, {}, '?version=zero')).statusCode).toBe(422);
    expect((await download('01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('parseRange and contentDisposition', () => {
  it('parses the single-range forms and refuses the impossible ones', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 100)).toBe('unsatisfiable');
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });

  it('keeps quotes, backslashes and line breaks out of the header', () => {
    const header = contentDisposition('attachment', 'a"b\\c\r\nd.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('filename="')[1].split('"')[0]).toBe('a_b_c__d.pdf');
  });
});
