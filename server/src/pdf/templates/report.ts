import QRCode from 'qrcode';
import type { PdfTemplate } from '../worker.ts';

/**
 * The data of a test report, everything already formatted as text by the server (reports job).
 * ISO/IEC 17025 §7.8.2: lab and customer, unique identification on every page with "page x of y",
 * items and their condition on receipt, methods and standards, results with units and
 * uncertainty, the verdict against each specification with the decision rule, dates, the
 * signatory, the statement that results relate only to the items tested, and a QR code to the
 * public verification page.
 */
export interface ReportDocument {
  lab: { name: string; address?: string | null };
  /** e.g. "RPT-000001 rev 2" */
  identification: string;
  title: string;
  /** DRAFT while not issued; SUPERSEDED / REVOKED for copies stamped afterwards. */
  mark: string | null;
  customer: { name: string; address?: string | null; contact?: string | null };
  project: { number: string; name: string };
  dates: { received: string; testing: string };
  /** The date of issue, or what a draft says instead. */
  issue_date: string;
  samples: {
    number: string;
    description: string;
    received_date: string;
    condition: string;
    condition_notes: string | null;
  }[];
  methods: { code: string; title: string; standard: string | null; version: string | null }[];
  specifications: { code: string; name: string }[];
  decision_rules: string[];
  results: {
    sample_number: string;
    method_code: string;
    parameter: string;
    value: string;
    unit: string;
    uncertainty: string;
    verdicts: { specification: string; verdict: string; reason: string }[];
  }[];
  amendment: { replaces: string; reason: string; what_changed: string } | null;
  signatory: { name: string; meaning: string; signed_at: string } | null;
  verify_url: string;
}

const LEFT = 50;
const WIDTH = 495;
const FOOTER_SPACE = 45;

const COLS = [
  { key: 'sample_number', label: 'Sample', x: 50, width: 62 },
  { key: 'method_code', label: 'Method', x: 114, width: 60 },
  { key: 'parameter', label: 'Parameter', x: 176, width: 92 },
  { key: 'value', label: 'Result', x: 270, width: 50 },
  { key: 'uncertainty', label: '± U', x: 322, width: 36 },
  { key: 'unit', label: 'Unit', x: 360, width: 34 },
  { key: 'verdict', label: 'Verdict (specification)', x: 396, width: 149 },
] as const;

function heading(doc: PDFKit.PDFDocument, text: string) {
  ensure(doc, 40);
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(11).text(text, LEFT, doc.y, { width: WIDTH });
  doc.font('Helvetica').fontSize(9).moveDown(0.3);
}

const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom - FOOTER_SPACE;

/** Starts a new page when `height` more points would run into the footer. */
function ensure(doc: PDFKit.PDFDocument, height: number, onNewPage?: () => void) {
  if (doc.y + height > bottom(doc)) {
    doc.addPage();
    onNewPage?.();
  }
}

function resultsHeader(doc: PDFKit.PDFDocument) {
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(8);
  for (const c of COLS) doc.text(c.label, c.x, y, { width: c.width });
  doc
    .moveTo(LEFT, y + 11)
    .lineTo(LEFT + WIDTH, y + 11)
    .stroke();
  doc.font('Helvetica').y = y + 15;
}

const verdictText = (r: ReportDocument['results'][number]) =>
  r.verdicts.length
    ? r.verdicts.map((v) => `${v.verdict.toUpperCase()} (${v.specification}): ${v.reason}`).join('\n')
    : 'no specification';

const template: PdfTemplate = {
  async render(doc, data) {
    const r = data as ReportDocument;
    doc.info.Title = `Test report ${r.identification}`;
    doc.info.Subject = r.title;
    doc.info.Author = r.lab.name;

    // Title block: lab, report identification, customer
    doc.font('Helvetica-Bold').fontSize(15).text(r.lab.name, LEFT, 50, { width: 300 });
    if (r.lab.address) doc.font('Helvetica').fontSize(8).text(r.lab.address, { width: 300 });
    doc.font('Helvetica-Bold').fontSize(18).text('TEST REPORT', LEFT, 50, { width: WIDTH, align: 'right' });
    doc.font('Helvetica').fontSize(10).text(r.identification, { width: WIDTH, align: 'right' });
    doc.moveDown(2);
    const top = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).text('Customer', LEFT, top);
    doc.font('Helvetica').text(r.customer.name, { width: 240 });
    for (const line of [r.customer.contact, r.customer.address]) if (line) doc.text(line, { width: 240 });
    doc.font('Helvetica-Bold').text('Project', 310, top, { width: 235 });
    doc.font('Helvetica').text(`${r.project.number} · ${r.project.name}`, { width: 235 });
    doc.text(`Title: ${r.title}`, { width: 235 });
    doc.x = LEFT;
    doc.y = Math.max(doc.y, top + 55);
    doc.moveDown();
    const dates: [string, string][] = [
      ['Items received', r.dates.received],
      ['Testing performed', r.dates.testing],
      ['Date of issue', r.issue_date],
    ];
    for (const [label, value] of dates) {
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(9).text(label, LEFT, y, { width: 120 });
      doc.font('Helvetica').text(value, LEFT + 125, y, { width: WIDTH - 125 });
    }

    if (r.amendment) {
      heading(doc, 'Amendment');
      doc.text(`This report replaces ${r.amendment.replaces}, which is superseded.`, { width: WIDTH });
      doc.text(`Reason: ${r.amendment.reason}`, { width: WIDTH });
      doc.text(`What changed: ${r.amendment.what_changed}`, { width: WIDTH });
    }

    heading(doc, 'Items tested and their condition on receipt');
    for (const s of r.samples) {
      const text = `${s.number}: ${s.description}. Received ${s.received_date}, condition: ${s.condition}${
        s.condition_notes ? ` (${s.condition_notes})` : ''
      }.`;
      ensure(doc, doc.heightOfString(text, { width: WIDTH }) + 2);
      doc.text(text, LEFT, doc.y, { width: WIDTH });
    }

    heading(doc, 'Methods and standards');
    for (const m of r.methods) {
      const text = `${m.code}: ${m.title}${m.standard ? `; standard ${m.standard}` : ''}${
        m.version ? `, version ${m.version}` : ''
      }`;
      ensure(doc, doc.heightOfString(text, { width: WIDTH }) + 2);
      doc.text(text, LEFT, doc.y, { width: WIDTH });
    }

    heading(doc, 'Specifications and decision rule');
    for (const s of r.specifications) doc.text(`${s.code}: ${s.name}`, LEFT, doc.y, { width: WIDTH });
    if (!r.specifications.length)
      doc.text('No specification was named; results are reported without verdict.');
    for (const rule of r.decision_rules) {
      ensure(doc, 24);
      doc.text(rule, LEFT, doc.y, { width: WIDTH });
    }

    heading(doc, 'Results');
    ensure(doc, 30);
    resultsHeader(doc);
    for (const res of r.results) {
      const { verdicts: _v, ...texts } = res;
      const cells: Record<string, string> = { ...texts, verdict: verdictText(res) };
      doc.fontSize(8);
      const height =
        Math.max(...COLS.map((c) => doc.heightOfString(cells[c.key] || '-', { width: c.width }))) + 5;
      ensure(doc, height, () => resultsHeader(doc));
      const y = doc.y;
      for (const c of COLS) doc.text(cells[c.key] || '-', c.x, y, { width: c.width });
      doc.y = y + height;
    }
    doc.x = LEFT;
    doc.fontSize(8).moveDown(0.5);
    doc.text(
      'U: expanded uncertainty (k = 2, about 95 % coverage), in the unit of the result.',
      LEFT,
      doc.y,
      {
        width: WIDTH,
      },
    );

    // Statement, signatory and verification, kept together
    ensure(doc, 150);
    heading(doc, 'Statement');
    doc.text(
      'The results relate only to the items tested, as received. This report shall not be reproduced except in full without the written approval of the laboratory.',
      LEFT,
      doc.y,
      { width: WIDTH },
    );
    heading(doc, 'Authorised signatory');
    const signTop = doc.y;
    if (r.signatory) {
      doc.text(
        `${r.signatory.name}, electronically signed (${r.signatory.meaning}) on ${r.signatory.signed_at}`,
        {
          width: 330,
        },
      );
    } else doc.text('Not yet issued: no signature.', { width: 330 });
    doc.moveDown(0.5);
    doc.text(`Verify this report at ${r.verify_url}`, { width: 330 });
    const qr = await QRCode.toBuffer(r.verify_url, { margin: 0, width: 240, errorCorrectionLevel: 'M' });
    doc.image(qr, LEFT + WIDTH - 80, signTop, { width: 80 });

    // Every page: identification, page x of y, and the mark (DRAFT, SUPERSEDED) if any
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(
          `${r.lab.name}  ·  Test report ${r.identification}  ·  page ${i - range.start + 1} of ${range.count}`,
          LEFT,
          doc.page.height - 35,
          { width: WIDTH, align: 'center', lineBreak: false },
        );
      if (r.mark) {
        doc.save();
        doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
        doc
          .font('Helvetica-Bold')
          .fontSize(90)
          .fillColor('#cc0000')
          .opacity(0.15)
          .text(r.mark, 0, doc.page.height / 2 - 45, {
            width: doc.page.width,
            align: 'center',
            lineBreak: false,
          });
        doc.restore();
        doc.font('Helvetica-Bold').fontSize(9).fillColor('#cc0000').opacity(1);
        doc.text(r.mark, LEFT, 25, { width: WIDTH, align: 'center', lineBreak: false });
        doc.fillColor('black');
      }
      doc.page.margins.bottom = margin;
    }
  },
};
export default template;
