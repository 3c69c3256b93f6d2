import type { Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type';

/**
 * What may be uploaded, decided by the bytes, never by the name or the client's Content-Type.
 * Binary formats are recognised by their signatures (file-type); plain text and CSV must be valid
 * UTF-8 without NUL characters and must not look like markup, so HTML renamed `.txt` is refused.
 * The name's extension must agree with what the content is.
 */
export interface AllowedType {
  mime: string;
  extensions: readonly string[];
  /** May be shown inline (with ?inline=1): PDFs and images only. */
  inline: boolean;
}

const BINARY: Record<string, AllowedType> = {
  'application/pdf': { mime: 'application/pdf', extensions: ['pdf'], inline: true },
  'image/png': { mime: 'image/png', extensions: ['png'], inline: true },
  'image/jpeg': { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true },
  'image/gif': { mime: 'image/gif', extensions: ['gif'], inline: true },
  'image/webp': { mime: 'image/webp', extensions: ['webp'], inline: true },
  'image/tiff': { mime: 'image/tiff', extensions: ['tif', 'tiff'], inline: true },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    inline: false,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    inline: false,
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    inline: false,
  },
};

const TEXT: Record<string, AllowedType> = {
  txt: { mime: 'text/plain', extensions: ['txt'], inline: false },
  csv: { mime: 'text/csv', extensions: ['csv'], inline: false },
};

export const ALLOWED_EXTENSIONS = [
  ...Object.values(BINARY).flatMap((t) => t.extensions),
  ...Object.values(TEXT).flatMap((t) => t.extensions),
];

export const typeInfo = (mime: string): AllowedType | undefined =>
  BINARY[mime] ?? Object.values(TEXT).find((t) => t.mime === mime);

/** Markup a browser would render: refused even in a .txt, whatever headers we send with it. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|iframe|svg|\?xml|meta|object|embed|style)\b/i;

/** Valid UTF-8 (streaming, so a character split between chunks is fine), no NUL, not markup. */
async function isPlainText(source: Readable): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let head = '';
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return false;
      const text = decoder.decode(chunk, { stream: true });
      if (head.length < 1024) head += text.slice(0, 1024);
    }
    decoder.decode();
  } catch {
    return false;
  } finally {
    source.destroy();
  }
  return !MARKUP.test(head.replace(/^\uFEFF/, ''));
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export type Detection = { ok: true; type: AllowedType } | { ok: false; reason: string };

/**
 * Decides a stored file's type. `open` is called at most twice (signature sniff, then the text
 * check), each time for a fresh stream of the stored bytes.
 */
export async function detectType(open: () => Promise<Readable>, filename: string): Promise<Detection> {
  const ext = extensionOf(filename);
  const head = await open();
  const sniffed = await fileTypeFromStream(head).finally(() => head.destroy());
  if (sniffed) {
    const allowed = BINARY[sniffed.mime];
    if (!allowed) return { ok: false, reason: `${sniffed.mime} files are not accepted` };
    if (ext && !allowed.extensions.includes(ext)) {
      return {
        ok: false,
        reason: `the content is ${allowed.extensions[0].toUpperCase()}, but the name ends in .${ext}`,
      };
    }
    return { ok: true, type: allowed };
  }
  const text = TEXT[ext];
  if (!text) {
    return {
      ok: false,
      reason: `the content is not a recognised type (accepted: ${ALLOWED_EXTENSIONS.join(', ')})`,
    };
  }
  if (!(await isPlainText(await open()))) {
    return { ok: false, reason: `the content is not plain UTF-8 text, as a .${ext} file must be` };
  }
  return { ok: true, type: text };
}

/**
 * A client's file name made safe to keep and to offer back: no directories, no control or
 * bidirectional-override characters, no reserved characters, bounded length (extension kept).
 */
export function sanitizeFilename(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    // control characters, and the Unicode ones that reorder or hide text (RTL override tricks)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*;]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  if (!name) name = 'file';
  const MAX = 150;
  if ([...name].length > MAX) {
    const ext = extensionOf(name);
    const keep = ext && ext.length <= 10 ? `.${ext}` : '';
    name = [...name].slice(0, MAX - keep.length).join('') + keep;
  }
  return name;
}

/** `Content-Disposition` with an ASCII fallback and the exact name per RFC 5987/6266. */
export function contentDisposition(type: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
