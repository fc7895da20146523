/** A React hook for a change the user confirms in a dialog before it runs. */
import { useState } from 'react';

export interface ConfirmedChange<Pending> {
  /** The change the dialog asks about; undefined while it is closed. */
  readonly pending: Pending | undefined;
  readonly ask: (pending: Pending | undefined) => void;
  /** Runs the pending change: the dialog closes when it succeeds and stays open with `failure` when not. */
  readonly confirm: () => Promise<void>;
  readonly busy: boolean;
  readonly failure: unknown;
  /** What the last change did, in a sentence for the page. */
  readonly done: string;
}

/** `apply` makes the change and resolves to a sentence saying what it did; `onApplied` runs after it. */
export function useConfirmedChange<Pending>(
  apply: (pending: Pending) => Promise<string>,
  onApplied: () => void,
): ConfirmedChange<Pending> {
  const [pending, ask] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState('');
  const confirm = async () => {
    if (pending === undefined) return;
    setBusy(true);
    setFailure(undefined);
    try {
      setDone(await apply(pending));
      ask(undefined);
      onApplied();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return { pending, ask, confirm, busy, failure, done };
}
