import type { PdfTemplate } from '../worker.ts';

/** The data the quote route hands over: everything already formatted as text by the server. */
export interface QuoteDocument {
  lab: { name: string; address?: string | null };
  number: string;
  revision: number;
  title: string | null;
  issued: string;
  valid_until: string | null;
  status: string;
  currency: string;
  customer: { name: string; address?: string | null; contact?: string | null; email?: string | null };
  lines: {
    description: string;
    quantity: string;
    unit_price: string;
    discount_pct: string;
    line_total: string;
  }[];
  subtotal: string;
  tax_rate: string;
  tax_amount: string;
  total: string;
  notes: string | null;
}

const FOOTER_SPACE = 40;
/** Column x offsets and widths of the line table (A4 with 50 pt margins: 495 pt wide). */
const COLS = [
  { key: 'description', label: 'Description', x: 50, width: 215, align: 'left' },
  { key: 'quantity', label: 'Qty', x: 270, width: 45, align: 'right' },
  { key: 'unit_price', label: 'Unit price', x: 320, width: 75, align: 'right' },
  { key: 'discount_pct', label: 'Disc. %', x: 400, width: 50, align: 'right' },
  { key: 'line_total', label: 'Amount', x: 455, width: 90, align: 'right' },
] as const;

function tableHeader(doc: PDFKit.PDFDocument) {
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(9);
  for (const c of COLS) doc.text(c.label, c.x, y, { width: c.width, align: c.align });
  doc
    .moveTo(50, y + 13)
    .lineTo(545, y + 13)
    .stroke();
  doc.font('Helvetica').y = y + 18;
}

/** A4 quotation: lab, customer, number and revision, priced lines, totals, validity, page x of y. */
const template: PdfTemplate = {
  render(doc, data) {
    const q = data as QuoteDocument;
    doc.info.Title = `Quotation ${q.number} revision ${q.revision}`;
    doc.info.Subject = q.title ?? q.number;
    doc.info.Author = q.lab.name;

    doc.font('Helvetica-Bold').fontSize(16).text(q.lab.name, 50, 50);
    if (q.lab.address) doc.font('Helvetica').fontSize(9).text(q.lab.address);
    doc.font('Helvetica-Bold').fontSize(20).text('QUOTATION', 50, 50, { align: 'right' });
    doc.font('Helvetica').fontSize(10).text(`${q.number}  ·  revision ${q.revision}`, { align: 'right' });
    doc.text(`Issued ${q.issued}`, { align: 'right' });
    doc.text(`Valid until ${q.valid_until ?? 'further notice'}`, { align: 'right' });
    if (q.status !== 'sent' && q.status !== 'accepted') doc.text(`Status: ${q.status}`, { align: 'right' });

    doc.moveDown(2);
    const top = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).text('For', 50, top);
    doc.font('Helvetica').text(q.customer.name, { width: 250 });
    for (const line of [q.customer.contact, q.customer.address, q.customer.email]) {
      if (line) doc.text(line, { width: 250 });
    }
    if (q.title) {
      doc.font('Helvetica-Bold').text('Subject', 320, top, { width: 225 });
      doc.font('Helvetica').text(q.title, { width: 225 });
    }
    doc.x = 50;
    doc.y = Math.max(doc.y, top + 70);
    doc.moveDown();

    tableHeader(doc);
    const bottom = () => doc.page.height - doc.page.margins.bottom - FOOTER_SPACE;
    for (const line of q.lines) {
      doc.fontSize(9);
      const height = doc.heightOfString(line.description, { width: COLS[0].width }) + 6;
      if (doc.y + height > bottom()) {
        doc.addPage();
        tableHeader(doc);
      }
      const y = doc.y;
      for (const c of COLS) doc.text(line[c.key], c.x, y, { width: c.width, align: c.align });
      doc.y = y + height;
    }
    if (doc.y + 80 > bottom()) doc.addPage();
    doc.moveTo(320, doc.y).lineTo(545, doc.y).stroke();
    doc.moveDown(0.5);
    const totals: [string, string][] = [
      ['Subtotal', q.subtotal],
      [`Tax ${q.tax_rate} %`, q.tax_amount],
      [`Total ${q.currency}`, q.total],
    ];
    for (const [i, [label, amount]] of totals.entries()) {
      const y = doc.y;
      doc.font(i === 2 ? 'Helvetica-Bold' : 'Helvetica').fontSize(i === 2 ? 11 : 10);
      doc.text(label, 320, y, { width: 120 });
      doc.text(amount, 455, y, { width: 90, align: 'right' });
    }
    if (q.notes) {
      doc.moveDown(2);
      doc.font('Helvetica-Bold').fontSize(10).text('Notes', 50);
      doc.font('Helvetica').fontSize(9).text(q.notes, { width: 495 });
    }

    // Footers last, on every buffered page: "page x of y" needs the final page count.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(
          `${q.lab.name}  ·  ${q.number} rev ${q.revision}  ·  page ${i - range.start + 1} of ${range.count}`,
          50,
          doc.page.height - 35,
          { width: 495, align: 'center' },
        );
      doc.page.margins.bottom = margin;
    }
  },
};
export default template;
