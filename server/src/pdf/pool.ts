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

export function renderPdf(template: string, data: unknown): Promise<Buffer> {
  return render({ template, data });
}

/**
 * The same, with the data as JSON text, parsed in the worker. For big documents (a 200-page
 * report): posting an object graph to a worker clones it on the event loop (~25 ms for 5,000
 * results), posting a string copies it (~1 ms), and the JSON text usually exists already.
 */
export function renderPdfJson(template: string, json: string): Promise<Buffer> {
  return render({ template, json });
}

async function render(task: { template: string; data?: unknown; json?: string }): Promise<Buffer> {
  if (!/^[a-z][a-z0-9-]*$/.test(task.template)) throw new Error(`bad template name ${task.template}`);
  const bytes = (await workers().run(task)) as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Stops the workers (on shutdown, and between test files). */
export async function closePdfWorkers(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}
