/** A printable HTML page for one invoice: self-contained (inline styles), every value escaped. */
import type { InvoiceLine } from './compute';

export interface InvoiceDocument {
  id: string;
  partnerName: string;
  period: string;
  status: string;
  currency: string;
  lines: readonly InvoiceLine[];
  subtotalCents: number;
  taxBasisPoints: number;
  taxCents: number;
  totalCents: number;
  issuedAt: Date | null;
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

export function renderInvoiceHtml(invoice: InvoiceDocument): string {
  const money = (cents: number) => escapeHtml(formatMoney(cents, invoice.currency));
  const rows = invoice.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description)}</td><td class="n">${line.quantity}</td>` +
        `<td class="n">${money(line.unitPriceCents)}</td><td class="n">${money(line.amountCents)}</td></tr>`,
    )
    .join('\n');
  const taxPercent = (invoice.taxBasisPoints / 100).toString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Invoice ${escapeHtml(invoice.id)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; color: #222; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: .4rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { border: none; }
.total td { font-weight: bold; border-top: 2px solid #222; }
</style>
</head>
<body>
<h1>Invoice ${escapeHtml(invoice.id)}</h1>
<p>Meridian — billed to <strong>${escapeHtml(invoice.partnerName)}</strong><br>
Period ${escapeHtml(invoice.period)} · Status ${escapeHtml(invoice.status)}${
    invoice.issuedAt ? ` · Issued ${escapeHtml(invoice.issuedAt.toISOString().slice(0, 10))}` : ''
  }</p>
<table>
<thead><tr><th>Description</th><th class="n">Quantity</th><th class="n">Unit price</th><th class="n">Amount</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
<tr><td colspan="3" class="n">Subtotal</td><td class="n">${money(invoice.subtotalCents)}</td></tr>
<tr><td colspan="3" class="n">Tax (${escapeHtml(taxPercent)} %)</td><td class="n">${money(invoice.taxCents)}</td></tr>
<tr class="total"><td colspan="3" class="n">Total</td><td class="n">${money(invoice.totalCents)}</td></tr>
</tfoot>
</table>
</body>
</html>
`;
}
