/** A printable HTML page for one invoice: self-contained (inline styles), every value escaped. */
import {
  documentFacts,
  documentNote,
  documentTitle,
  documentTotals,
  formatMoney,
  partyLines,
  type InvoiceDocument,
} from './document';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

const lines = (texts: readonly string[]) => texts.map(escapeHtml).join('<br>');

export function renderInvoiceHtml(doc: InvoiceDocument): string {
  const money = (cents: number) => escapeHtml(formatMoney(cents, doc.currency));
  const rows = doc.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description)}</td><td class="n">${line.quantity}</td>` +
        `<td class="n">${money(line.unitPriceCents)}</td><td class="n">${money(line.amountCents)}</td></tr>`,
    )
    .join('\n');
  const facts = documentFacts(doc)
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const totals = documentTotals(doc)
    .map(
      (row) =>
        `<tr${row.kind === 'plain' ? '' : ` class="${row.kind}"`}><td colspan="3" class="n">${escapeHtml(row.label)}</td>` +
        `<td class="n">${escapeHtml(row.value)}</td></tr>`,
    )
    .join('\n');
  const payments =
    doc.payments.length === 0
      ? ''
      : `<h2>Payments received</h2>
<table>
<thead><tr><th>Date</th><th>Reference</th><th class="n">Amount</th></tr></thead>
<tbody>
${doc.payments
  .map(
    (payment) =>
      `<tr><td>${escapeHtml(payment.paidOn)}</td><td>${escapeHtml(payment.reference)}</td>` +
      `<td class="n">${money(payment.amountCents)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(documentTitle(doc))}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; color: #222; }
table { width: 100%; border-collapse: collapse; margin-bottom: 1.5rem; }
th, td { padding: .4rem .6rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
.parties { display: flex; gap: 2rem; justify-content: space-between; margin-bottom: 1.5rem; }
.facts { width: auto; }
.facts th { font-weight: normal; color: #555; }
.total td, .due td { font-weight: bold; border-top: 2px solid #222; }
.draft { color: #b00; letter-spacing: .3em; }
</style>
</head>
<body>
<h1>${doc.number ? escapeHtml(documentTitle(doc)) : '<span class="draft">DRAFT</span> invoice'}</h1>
<div class="parties">
<p><strong>From</strong><br>${lines(partyLines(doc.seller))}</p>
<p><strong>Billed to</strong><br>${lines(partyLines(doc.buyer))}</p>
</div>
<table class="facts">
${facts}
</table>
<table>
<thead><tr><th>Description</th><th class="n">Quantity</th><th class="n">Unit price</th><th class="n">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
${totals}
</tfoot>
</table>
${payments}
<p class="note">${escapeHtml(documentNote(doc))}</p>
</body>
</html>
`;
}
