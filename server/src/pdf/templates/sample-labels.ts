import QRCode from 'qrcode';
import type { PdfTemplate } from '../worker.ts';

/** Sample labels: one 100 × 50 mm label per page with the number, project, date and a QR code. */
export interface SampleLabel {
  number: string;
  project: string;
  description: string;
  received_date: string;
}

const MM = 72 / 25.4;

const template: PdfTemplate = {
  options: { size: [100 * MM, 50 * MM], margin: 4 * MM },
  async render(doc, data) {
    const labels = (data as { labels: SampleLabel[] }).labels;
    for (const [i, label] of labels.entries()) {
      if (i > 0) doc.addPage();
      const qr = await QRCode.toBuffer(label.number, { margin: 0, width: 256, errorCorrectionLevel: 'M' });
      doc.image(qr, 4 * MM, 4 * MM, { width: 40 * MM });
      const x = 48 * MM;
      doc
        .font('Helvetica-Bold')
        .fontSize(16)
        .text(label.number, x, 5 * MM, { width: 48 * MM });
      doc
        .font('Helvetica')
        .fontSize(9)
        .text(`Project ${label.project}`, x, 15 * MM, { width: 48 * MM });
      doc.text(`Received ${label.received_date}`, { width: 48 * MM });
      doc
        .fontSize(8)
        .text(label.description.slice(0, 120), { width: 48 * MM, height: 18 * MM, ellipsis: true });
    }
  },
};
export default template;
