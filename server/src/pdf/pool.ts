import { Piscina } from 'piscina';

/**
 * PDF rendering off the event loop (DESIGN.md "The embedded default, honestly"): documents are laid
 * out by pdfkit in worker threads, so a 40-page report never stalls the API. Templates live in
 * `templates/<name>.ts` and export `render(doc, data)`.
 */
let pool: Piscina | undefined;

function workers(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./worker-entry.js', import.meta.url).href,
    maxThreads: 2,
    minThreads: 0,
    idleTimeout: 30_000,
  });
  return pool;
}

export async function renderPdf(template: string, data: unknown): Promise<Buffer> {
  if (!/^[a-z][a-z0-9-]*$/.test(template)) throw new Error(`bad template name ${template}`);
  const bytes = (await workers().run({ template, data })) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Stops the workers (on shutdown, and between test files). */
export async function closePdfWorkers(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}
