/** A button that downloads one invoice's PDF, saying so if it fails. */
import { useState } from 'react';
import { downloadInvoicePdf, invoiceName, type Invoice } from '../../lib/invoices';

export default function PdfButton({
  invoice,
  onError,
}: {
  invoice: Invoice;
  onError: (error: unknown) => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--secondary button--sm"
      aria-label={`Download the PDF of ${invoiceName(invoice)}`}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        downloadInvoicePdf(invoice.id)
          .catch(onError)
          .finally(() => setBusy(false));
      }}
    >
      PDF
    </button>
  );
}
