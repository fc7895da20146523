/**
 * The invoice as a PDF (A4), the format a finance team files and forwards. It lays out the same
 * `InvoiceDocument` as the HTML page, in pdfkit's built-in Helvetica (no font files to ship; its WinAnsi
 * encoding has €, £ and the accented letters of western European names). A draft carries a large DRAFT mark.
 */
import PDFDocument from 'pdfkit';
import {
  documentFacts,
  documentNote,
  documentTitle,
  documentTotals,
  formatMoney,
  partyLines,
  type InvoiceDocument,
} from './document';

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Column edges of the lines table: description, quantity, unit price, amount. */
const COLUMNS = { description: MARGIN, quantity: 330, unit: 385, amount: 465 } as const;
const NUMBER_WIDTH = { quantity: 45, unit: 75, amount: PAGE_WIDTH - MARGIN - 465 } as const;
const GREY = '#555555';
const INK = '#222222';

/** Renders the invoice; resolves to the PDF file's bytes. */
export function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: documentTitle(doc), Author: doc.seller.name, Subject: `Period ${doc.period}` },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  if (!doc.number) draftMark(pdf);
  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(20).text(documentTitle(doc), MARGIN, MARGIN);
  pdf.moveDown(0.8);
  parties(pdf, doc);
  facts(pdf, doc);
  lineTable(pdf, doc);
  payments(pdf, doc);
  pdf.moveDown(1).font('Helvetica').fontSize(10).fillColor(INK);
  pdf.text(documentNote(doc), MARGIN, pdf.y, { width: CONTENT_WIDTH });
  pdf.end();
  return done;
}

type Pdf = InstanceType<typeof PDFDocument>;

function draftMark(pdf: Pdf): void {
  pdf.save();
  pdf.rotate(-35, { origin: [PAGE_WIDTH / 2, 420] });
  pdf.font('Helvetica-Bold').fontSize(120).fillColor('#cc0000', 0.12);
  pdf.text('DRAFT', 0, 360, { width: PAGE_WIDTH, align: 'center' });
  pdf.restore();
  pdf.fillOpacity(1);
}

function parties(pdf: Pdf, doc: InvoiceDocument): void {
  const top = pdf.y;
  const half = CONTENT_WIDTH / 2 - 10;
  const block = (heading: string, texts: string[], x: number) => {
    pdf.font('Helvetica-Bold').fontSize(9).fillColor(GREY).text(heading, x, top, { width: half });
    pdf.font('Helvetica').fontSize(10).fillColor(INK);
    for (const text of texts) pdf.text(text, x, pdf.y, { width: half });
    return pdf.y;
  };
  const left = block('FROM', partyLines(doc.seller), MARGIN);
  const right = block('BILLED TO', partyLines(doc.buyer), MARGIN + CONTENT_WIDTH / 2 + 10);
  pdf.y = Math.max(left, right) + 18;
}

function facts(pdf: Pdf, doc: InvoiceDocument): void {
  pdf.fontSize(10);
  for (const [label, value] of documentFacts(doc)) {
    const y = pdf.y;
    pdf.font('Helvetica').fillColor(GREY).text(label, MARGIN, y, { width: 110 });
    pdf
      .font('Helvetica-Bold')
      .fillColor(INK)
      .text(value, MARGIN + 110, y, { width: CONTENT_WIDTH - 110 });
  }
  pdf.moveDown(1.2);
}

function rule(pdf: Pdf, weight = 0.5): void {
  pdf
    .moveTo(MARGIN, pdf.y)
    .lineTo(PAGE_WIDTH - MARGIN, pdf.y)
    .lineWidth(weight)
    .strokeColor(INK)
    .stroke();
  pdf.y += 4;
}

/** One table row: a text on the left, right-aligned numbers in the other columns. */
function row(
  pdf: Pdf,
  cells: { description: string; quantity?: string; unit?: string; amount: string },
): void {
  const y = pdf.y;
  pdf.text(cells.description, COLUMNS.description, y, { width: COLUMNS.quantity - MARGIN - 10 });
  const bottom = pdf.y;
  if (cells.quantity !== undefined)
    pdf.text(cells.quantity, COLUMNS.quantity, y, { width: NUMBER_WIDTH.quantity, align: 'right' });
  if (cells.unit !== undefined)
    pdf.text(cells.unit, COLUMNS.unit, y, { width: NUMBER_WIDTH.unit, align: 'right' });
  pdf.text(cells.amount, COLUMNS.amount, y, { width: NUMBER_WIDTH.amount, align: 'right' });
  pdf.y = Math.max(bottom, pdf.y) + 4;
}

function lineTable(pdf: Pdf, doc: InvoiceDocument): void {
  const money = (cents: number) => formatMoney(cents, doc.currency);
  pdf.font('Helvetica-Bold').fontSize(9).fillColor(GREY);
  row(pdf, { description: 'Description', quantity: 'Quantity', unit: 'Unit price', amount: 'Amount' });
  rule(pdf);
  pdf.font('Helvetica').fontSize(10).fillColor(INK);
  for (const line of doc.lines) {
    row(pdf, {
      description: line.description,
      quantity: String(line.quantity),
      unit: money(line.unitPriceCents),
      amount: money(line.amountCents),
    });
  }
  rule(pdf);
  for (const total of documentTotals(doc)) {
    if (total.kind !== 'plain') rule(pdf, 1);
    pdf.font(total.kind === 'plain' ? 'Helvetica' : 'Helvetica-Bold');
    row(pdf, { description: '', unit: total.label, amount: total.value });
  }
}

function payments(pdf: Pdf, doc: InvoiceDocument): void {
  if (doc.payments.length === 0) return;
  pdf.moveDown(1).font('Helvetica-Bold').fontSize(12).fillColor(INK);
  pdf.text('Payments received', MARGIN, pdf.y);
  pdf.moveDown(0.3).font('Helvetica').fontSize(10);
  for (const payment of doc.payments) {
    row(pdf, {
      description: `${payment.paidOn}  ${payment.reference}`,
      amount: formatMoney(payment.amountCents, doc.currency),
    });
  }
}
