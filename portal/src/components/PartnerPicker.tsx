/**
 * Which partner a page shows: a developer's own, or for the business team any partner, chosen once in a
 * searchable list. The choice is kept in the address (`?partner=par_…`), so a reload or a link shows the
 * same partner, and in the tab's session storage, so coming back to a console tab from the admin pages
 * shows the partner last looked at rather than an empty page.
 */
import { useHistory, useLocation } from '@docusaurus/router';
import { useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactElement } from 'react';
import { graphql } from '../gql';
import type { PartnerChoicesQuery } from '../gql/graphql';
import { useApi } from '../lib/useApi';
import type { Session } from '../lib/session';
import ErrorNotice from './ErrorNotice';
import styles from './console.module.css';

const PARTNER_CHOICES = graphql(`
  query PartnerChoices {
    partners {
      id
      name
    }
  }
`);

type PartnerOption = PartnerChoicesQuery['partners'][number];

/** The query parameter naming the partner an admin looks at. */
const PARTNER_PARAM = 'partner';
/** Where the tab remembers the partner last chosen. */
const REMEMBERED_KEY = 'meridian.partner';
/** The most matches the list shows at once; typing narrows it. */
const MAX_SHOWN = 50;

/** The partner named in an address's query string (`location.search`), if any. */
export function partnerInSearch(search: string): string | undefined {
  return new URLSearchParams(search).get(PARTNER_PARAM) || undefined;
}

/** The query string that names `partnerId`: `?partner=par_…`, or nothing. */
export function partnerSearch(partnerId: string | undefined): string {
  return partnerId ? `?${PARTNER_PARAM}=${encodeURIComponent(partnerId)}` : '';
}

/** The partner this tab last looked at; undefined outside a browser or when none was chosen. */
export function rememberedPartner(): string | undefined {
  try {
    return window.sessionStorage.getItem(REMEMBERED_KEY) || undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the partner chosen in this tab, or with undefined forgets it. */
function rememberPartner(partnerId: string | undefined): void {
  try {
    if (partnerId) window.sessionStorage.setItem(REMEMBERED_KEY, partnerId);
    else window.sessionStorage.removeItem(REMEMBERED_KEY);
  } catch {
    // Storage may be off (private modes); the address still carries the choice.
  }
}

/** An accessible combobox: type to filter by name or id, arrows to move, Enter to choose, Escape to close. */
function PartnerCombobox({
  partners,
  chosen,
  onChoose,
}: {
  partners: readonly PartnerOption[];
  chosen: string | undefined;
  onChoose: (partnerId: string) => void;
}) {
  const id = useId();
  const current = partners.find((partner) => partner.id === chosen);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => setText(current?.name ?? ''), [current?.name]);
  const matches = useMemo(() => {
    const wanted = text.trim().toLowerCase();
    const all =
      !wanted || wanted === current?.name.toLowerCase()
        ? partners
        : partners.filter(
            (partner) =>
              partner.name.toLowerCase().includes(wanted) || partner.id.toLowerCase().includes(wanted),
          );
    return all.slice(0, MAX_SHOWN);
  }, [partners, text, current?.name]);
  const choose = (partner: PartnerOption) => {
    setText(partner.name);
    setOpen(false);
    onChoose(partner.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (matches.length ? (index + step + matches.length) % matches.length : 0));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      const partner = matches[active];
      if (partner) choose(partner);
    } else if (event.key === 'Escape') {
      setOpen(false);
      setText(current?.name ?? '');
    }
  };
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <div className={`${styles.field} ${styles.combobox}`}>
      <label htmlFor={`${id}-input`}>Partner</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && matches[active] ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        placeholder="Type a name or id…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(event) => {
          event.target.select();
          setOpen(true);
        }}
        onBlur={() => {
          setOpen(false);
          setText(current?.name ?? '');
        }}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className={styles.hint}>
        {current ? `Showing ${current.name} (${current.id}).` : 'Choose the partner to look at.'}
      </span>
      <ul id={listId} role="listbox" aria-label="Partners" className={styles.comboboxList} hidden={!open}>
        {matches.length === 0 ? (
          <li role="option" aria-disabled="true" aria-selected="false" className={styles.comboboxEmpty}>
            No partner matches “{text}”
          </li>
        ) : (
          matches.map((partner, index) => (
            <li
              key={partner.id}
              id={optionId(index)}
              role="option"
              aria-selected={partner.id === chosen}
              className={`${styles.comboboxOption} ${index === active ? styles.comboboxActive : ''}`}
              // Chosen on mouse down, before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(partner);
              }}
            >
              {partner.name} <span className={styles.hint}>{partner.id}</span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

export function usePartnerChoice(session: Session): {
  partnerId: string | undefined;
  picker: ReactElement | null;
} {
  const admin = session.user.role === 'ADMIN';
  const location = useLocation();
  const history = useHistory();
  const named = partnerInSearch(location.search);
  const setChosen = (partnerId: string | undefined) => {
    rememberPartner(partnerId);
    history.replace({ ...location, search: partnerSearch(partnerId) });
  };
  // An address without a partner shows the one this tab looked at last, and says so in the address.
  useEffect(() => {
    if (!admin) return;
    if (named) rememberPartner(named);
    else {
      const remembered = rememberedPartner();
      if (remembered) history.replace({ ...location, search: partnerSearch(remembered) });
    }
  }, [admin, named]);
  const { data, error } = useApi(PARTNER_CHOICES, admin ? {} : null);
  if (!admin) return { partnerId: session.user.partner?.id, picker: null };
  const picker = (
    <div className="margin-bottom--md" style={{ maxWidth: '24rem' }}>
      <ErrorNotice error={error} />
      <PartnerCombobox partners={data?.partners ?? []} chosen={named} onChoose={setChosen} />
      {named ? (
        <button
          type="button"
          className="button button--link button--sm padding-horiz--none"
          onClick={() => setChosen(undefined)}
        >
          Show no partner
        </button>
      ) : null}
    </div>
  );
  return { partnerId: named, picker };
}
