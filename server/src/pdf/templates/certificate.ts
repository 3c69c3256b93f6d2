import QRCode from 'qrcode';
import type { PdfTemplate } from '../worker.ts';

/** A certificate of conformity, everything formatted as text by the server. */
export interface CertificateDocument {
  lab: { name: string; address?: string | null };
  number: string;
  /** DRAFT before issue; SUSPENDED / REVOKED / EXPIRED on copies stamped afterwards. */
  mark: string | null;
  customer: { name: string; address?: string | null };
  product: string;
  standard: string;
  scope: string;
  specification: { code: string; name: string };
  issue_date: string;
  expiry_date: string;
  results: { sample_number: string; parameter: string; value: string; verdict: string }[];
  signatory: { name: string; meaning: string; signed_at: string } | null;
  verify_url: string;
}

const LEFT = 60;
const WIDTH = 475;

const template: PdfTemplate = {
  options: { margin: 60 },
  async render(doc, data) {
    const c = data as CertificateDocument;
    doc.info.Title = `Certificate of conformity ${c.number}`;
    doc.info.Author = c.lab.name;
    doc
      .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
      .lineWidth(2)
      .stroke();
    doc.font('Helvetica-Bold').fontSize(14).text(c.lab.name, LEFT, 60, { width: WIDTH, align: 'center' });
    doc.moveDown(1.5);
    doc.fontSize(22).text('CERTIFICATE OF CONFORMITY', { width: WIDTH, align: 'center' });
    doc.font('Helvetica').fontSize(11).text(`No. ${c.number}`, { width: WIDTH, align: 'center' });
    doc.moveDown(2);
    doc.fontSize(11).text('This is to certify that the product', { width: WIDTH, align: 'center' });
    doc.font('Helvetica-Bold').fontSize(15).text(c.product, { width: WIDTH, align: 'center' });
    doc.font('Helvetica').fontSize(11).text('of', { width: WIDTH, align: 'center' });
    doc.font('Helvetica-Bold').fontSize(13).text(c.customer.name, { width: WIDTH, align: 'center' });
    if (c.customer.address)
      doc.font('Helvetica').fontSize(9).text(c.customer.address, { width: WIDTH, align: 'center' });
    doc.moveDown();
    doc.font('Helvetica').fontSize(11).text('conforms to', { width: WIDTH, align: 'center' });
    doc.font('Helvetica-Bold').fontSize(13).text(c.standard, { width: WIDTH, align: 'center' });
    doc.moveDown(1.5);
    const rows: [string, string][] = [
      ['Scope', c.scope],
      ['Specification', `${c.specification.code}: ${c.specification.name}`],
      ['Date of issue', c.issue_date],
      ['Valid until', c.expiry_date],
    ];
    for (const [label, value] of rows) {
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(10).text(label, LEFT, y, { width: 110 });
      doc.font('Helvetica').text(value, LEFT + 115, y, { width: WIDTH - 115 });
      doc.moveDown(0.3);
    }
    doc.moveDown();
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text('Based on the approved test results', LEFT, doc.y, { width: WIDTH });
    doc.font('Helvetica').fontSize(8);
    for (const r of c.results) {
      if (doc.y > doc.page.height - 220) {
        doc.addPage();
        doc.y = 60;
      }
      doc.text(`${r.sample_number} · ${r.parameter}: ${r.value} — ${r.verdict.toUpperCase()}`, LEFT, doc.y, {
        width: WIDTH,
      });
    }
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc.moveDown(1.5);
    const top = doc.y;
    doc.fontSize(9).font('Helvetica-Bold').text('Authorised signatory', LEFT, top, { width: 320 });
    doc
      .font('Helvetica')
      .text(
        c.signatory
          ? `${c.signatory.name}, electronically signed (${c.signatory.meaning}) on ${c.signatory.signed_at}`
          : 'Not yet issued: no signature.',
        { width: 320 },
      );
    doc.moveDown(0.5);
    doc.text(`Verify this certificate at ${c.verify_url}`, { width: 320 });
    doc.text(
      'This certificate remains the property of the laboratory and is valid only while the verification page says "valid".',
      {
        width: 320,
      },
    );
    const qr = await QRCode.toBuffer(c.verify_url, { margin: 0, width: 240, errorCorrectionLevel: 'M' });
    doc.image(qr, LEFT + WIDTH - 90, top, { width: 90 });

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor('black')
        .text(
          `${c.lab.name}  ·  Certificate ${c.number}  ·  page ${i - range.start + 1} of ${range.count}`,
          LEFT,
          doc.page.height - 45,
          {
            width: WIDTH,
            align: 'center',
            lineBreak: false,
          },
        );
      if (c.mark) {
        doc.save();
        doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
        doc
          .font('Helvetica-Bold')
          .fontSize(80)
          .fillColor('#cc0000')
          .opacity(0.15)
          .text(c.mark, 0, doc.page.height / 2 - 40, {
            width: doc.page.width,
            align: 'center',
            lineBreak: false,
          });
        doc.restore();
        doc.fillColor('black').opacity(1);
      }
      doc.page.margins.bottom = margin;
    }
  },
};
export default template;
