/**
 * Which partner a page shows: a developer's own, or for the business team any partner, chosen from a list.
 * The choice is kept in the address (`?partner=par_…`), so a reload, a link from the partners page or a
 * switch to another console tab shows the same partner.
 */
import { useHistory, useLocation } from '@docusaurus/router';
import { type ReactElement } from 'react';
import { useApi } from '../lib/useApi';
import type { Session } from '../lib/session';
import ErrorNotice from './ErrorNotice';
import styles from './console.module.css';

interface PartnerOption {
  id: string;
  name: string;
}

/** The query parameter naming the partner an admin looks at. */
const PARTNER_PARAM = 'partner';

/** The partner named in an address's query string (`location.search`), if any. */
export function partnerInSearch(search: string): string | undefined {
  return new URLSearchParams(search).get(PARTNER_PARAM) || undefined;
}

/** The query string that names `partnerId`: `?partner=par_…`, or nothing. */
export function partnerSearch(partnerId: string | undefined): string {
  return partnerId ? `?${PARTNER_PARAM}=${encodeURIComponent(partnerId)}` : '';
}

export function usePartnerChoice(session: Session): {
  partnerId: string | undefined;
  picker: ReactElement | null;
} {
  const admin = session.user.role === 'ADMIN';
  const location = useLocation();
  const history = useHistory();
  const chosen = partnerInSearch(location.search) ?? '';
  const setChosen = (partnerId: string) => history.replace({ ...location, search: partnerSearch(partnerId) });
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
