import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/types.ts';

/**
 * Document test data: real file bytes of each accepted kind, a multipart body builder for
 * `inject`, and an upload helper. Tests use a temporary UPLOAD_DIR each (uploadDir()).
 */
type Headers = Record<string, string>;

/** A small but well-formed PDF (one empty page); `marker` makes each one's bytes (and hash) unique. */
export function pdfBytes(marker = randomBytes(4).toString('hex')): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = `%PDF-1.4\n% ${marker}\n`;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG. */
export const pngBytes = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );

export const htmlBytes = () =>
  Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

export interface FilePart {
  name: string;
  content: Buffer | string;
  type?: string;
  field?: string;
}

/** A multipart/form-data body: the fields first, then the files, as browsers send them. */
export function multipart(fields: Record<string, string> = {}, files: FilePart[] = []) {
  const boundary = `----labline${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** `POST /documents` with a file (a fresh PDF by default); returns the raw response. */
export function uploadDocument(
  app: App,
  headers: Headers,
  fields: Record<string, string> = {},
  file: FilePart = { name: 'report.pdf', content: pdfBytes(), type: 'application/pdf' },
) {
  const body = multipart(fields, [file]);
  return app.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** Uploads and returns the created document (throws on anything but 201). */
export async function makeDocument(
  app: App,
  headers: Headers,
  fields: Record<string, string> = {},
  file?: FilePart,
) {
  const res = await uploadDocument(app, headers, fields, file);
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** `POST /documents/{id}/versions`. */
export function uploadVersion(
  app: App,
  headers: Headers,
  id: string,
  file: FilePart = { name: 'report-v2.pdf', content: pdfBytes() },
  fields: Record<string, string> = {},
) {
  const body = multipart(fields, [file]);
  return app.inject({
    method: 'POST',
    url: `/api/v1/documents/${id}/versions`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** A fresh, empty upload folder for one test file. */
export const uploadDir = () => mkdtempSync(join(tmpdir(), 'labline-uploads-'));

/** Every stored file under an upload folder (temporary ones included), for "nothing left" checks. */
export function storedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(root);
  return out;
}

export const removeDir = (root: string) => rmSync(root, { recursive: true, force: true });
