/**
 * Which partner a page shows: a developer's own, or for the business team any partner, chosen from a list.
 */
import { useState, type ReactElement } from 'react';
import { useApi } from '../lib/useApi';
import type { Session } from '../lib/session';
import ErrorNotice from './ErrorNotice';
import styles from './console.module.css';

interface PartnerOption {
  id: string;
  name: string;
}

export function usePartnerChoice(session: Session): {
  partnerId: string | undefined;
  picker: ReactElement | null;
} {
  const admin = session.user.role === 'ADMIN';
  const [chosen, setChosen] = useState<string>('');
  const { data, error } = useApi<{ partners: PartnerOption[] }>(
    'query PartnerChoices { partners { id name } }',
    admin ? {} : null,
  );
  if (!admin) return { partnerId: session.user.partner?.id, picker: null };
  const picker = (
    <div className={`${styles.field} margin-bottom--md`} style={{ maxWidth: '24rem' }}>
      <ErrorNotice error={error} />
      <label htmlFor="partner-choice">Partner</label>
      <select id="partner-choice" value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">Choose a partner…</option>
        {(data?.partners ?? []).map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partner.name}
          </option>
        ))}
      </select>
    </div>
  );
  return { partnerId: chosen || undefined, picker };
}
