import PDFDocument from 'pdfkit';

/** Runs in a worker thread: lays out one document with its template and returns the bytes. */
export interface PdfTemplate {
  /** Document options (size, margins); bufferPages is always on so footers can say "page x of y". */
  options?: PDFKit.PDFDocumentOptions;
  render(doc: PDFKit.PDFDocument, data: unknown): Promise<void> | void;
}

export default async function renderInWorker(task: { template: string; data?: unknown; json?: string }) {
  const { template } = task;
  const data = task.json === undefined ? task.data : JSON.parse(task.json);
  const mod = (await import(`./templates/${template}.ts`)) as { default: PdfTemplate };
  const doc = new PDFDocument({ size: 'A4', margin: 50, ...mod.default.options, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  await mod.default.render(doc, data);
  doc.end();
  await done;
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
