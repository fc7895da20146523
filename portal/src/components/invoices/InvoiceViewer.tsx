/** The invoice as billing renders it, in a frame that may run nothing, with its PDF to download. */
import { useState } from 'react';
import { graphql } from '../../gql';
import { downloadInvoicePdf, money, type Invoice } from '../../lib/invoices';
import { useApi } from '../../lib/useApi';
import ConfirmDialog from '../ConfirmDialog';
import styles from '../console.module.css';

const INVOICE_PAGE = graphql(`
  query InvoicePage($id: ID!) {
    invoice(id: $id) {
      id
      html
    }
  }
`);

export default function InvoiceViewer({
  invoice,
  onClose,
}: {
  invoice: Invoice | undefined;
  onClose: () => void;
}) {
  const { data, error } = useApi(INVOICE_PAGE, invoice ? { id: invoice.id } : null);
  const [failure, setFailure] = useState<unknown>();
  const html = data?.invoice?.id === invoice?.id ? data?.invoice?.html : undefined;
  const title = invoice ? `${invoice.number ?? `Draft for ${invoice.period}`}: ${money(invoice)}` : 'Invoice';
  return (
    <ConfirmDialog
      open={invoice !== undefined}
      title={title}
      confirmLabel="Download PDF"
      cancelLabel="Close"
      wide
      busy={!html}
      error={error ?? failure}
      onConfirm={() => {
        setFailure(undefined);
        if (invoice) downloadInvoicePdf(invoice.id).catch(setFailure);
      }}
      onCancel={onClose}
    >
      {html ? (
        <iframe
          title={`Invoice ${invoice?.number ?? invoice?.id}`}
          className={styles.document}
          sandbox=""
          srcDoc={html}
        />
      ) : (
        <p>Loading the invoice…</p>
      )}
    </ConfirmDialog>
  );
}
