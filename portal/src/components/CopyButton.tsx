import { useState } from 'react';

/** Copies `text` to the clipboard and says so (to screen readers too). */
export default function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied');
    } catch {
      setStatus('Copy failed: select the text and copy it by hand');
    }
  };
  return (
    <span className="margin-right--sm">
      <button type="button" className="button button--primary button--sm" onClick={copy} aria-label={label}>
        Copy
      </button>{' '}
      <span role="status">{status}</span>
    </span>
  );
}
