/**
 * The frame of every console and admin page: the site's layout, the tabs of its section, who is signed in with
 * a sign-out button, and the sign-in form in place of the page while nobody is. The page itself renders
 * only in the browser (it calls the API with the session), never in the static build.
 */
import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import { useLocation } from '@docusaurus/router';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import { signOut, useSession, useSessionPending, type Session } from '../lib/session';
import { partnerInSearch, partnerSearch, rememberedPartner } from './PartnerPicker';
import SignInForm from './SignInForm';
import styles from './console.module.css';

const CONSOLE_TABS = [
  { to: '/console', label: 'Overview' },
  { to: '/console/keys', label: 'API keys' },
  { to: '/console/usage', label: 'Usage' },
  { to: '/console/requests', label: 'Requests' },
  { to: '/console/invoices', label: 'Invoices' },
  { to: '/console/explorer', label: 'Explorer' },
];
/** The business team's own section; a partner's page (`/admin/partner`) sits under Partners. */
const ADMIN_TABS = [
  { to: '/admin', label: 'Partners', also: ['/admin/partner'] },
  { to: '/admin/onboard', label: 'Onboard' },
  { to: '/admin/requests', label: 'Access requests' },
  { to: '/admin/dashboards', label: 'Dashboards' },
  { to: '/admin/invoices', label: 'Invoices' },
  { to: '/admin/outbox', label: 'Outbox' },
];

function TabBar({
  label,
  tabs,
  here,
  search,
}: {
  label: string;
  tabs: readonly { to: string; label: string; also?: readonly string[] }[];
  here: string;
  search: string;
}) {
  return (
    <nav aria-label={label}>
      <ul className={styles.tabs} data-testid={`${label.toLowerCase()}-tabs`}>
        {tabs.map((tab) => {
          const current = here === tab.to || Boolean(tab.also?.includes(here));
          return (
            <li key={tab.to}>
              <Link
                to={`${tab.to}${search}`}
                className={`${styles.tab} ${current ? styles.tabActive : ''}`}
                aria-current={current ? 'page' : undefined}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * A developer sees the console's tabs. An admin works in two sections, each with its own tabs: Admin (the
 * business team's pages) and Partner console (one partner's pages, as its developers see them, for the
 * partner chosen in the picker and kept from tab to tab).
 */
function Tabs({ session, admin }: { session: Session; admin: boolean }) {
  const { pathname, search } = useLocation();
  const here = pathname.replace(/\/$/, '') || '/';
  const partnerId =
    partnerInSearch(search) ?? (session.user.role === 'ADMIN' ? rememberedPartner() : undefined);
  const keep = partnerSearch(partnerId);
  if (session.user.role !== 'ADMIN')
    return <TabBar label="Console" tabs={CONSOLE_TABS} here={here} search="" />;
  return (
    <>
      <nav aria-label="Sections">
        <ul className={styles.sections}>
          {[
            { to: '/admin', label: 'Admin', current: admin },
            { to: `/console${keep}`, label: 'Partner console', current: !admin },
          ].map((section) => (
            <li key={section.label}>
              <Link
                to={section.to}
                className={`${styles.section} ${section.current ? styles.sectionActive : ''}`}
                aria-current={section.current ? 'true' : undefined}
              >
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {admin ? (
        <TabBar label="Admin" tabs={ADMIN_TABS} here={here} search="" />
      ) : (
        <TabBar label="Console" tabs={CONSOLE_TABS} here={here} search={keep} />
      )}
    </>
  );
}

function Frame({
  title,
  admin,
  children,
}: {
  title: string;
  admin: boolean;
  children: (session: Session) => ReactNode;
}) {
  const session = useSession();
  // A new tab or a reload asks the session cookie first; the form would flash for a signed-in user.
  const pending = useSessionPending();
  if (pending) return <p>Loading the console…</p>;
  if (!session) return <SignInForm />;
  const { user } = session;
  return (
    <>
      <div className={styles.header}>
        <h1>{title}</h1>
        <div className={styles.who}>
          <span>
            Signed in as <strong>{user.name}</strong> ({user.email}
            {user.partner ? `, ${user.partner.name}` : ', Meridian business team'})
          </span>
          <button
            type="button"
            className="button button--secondary button--sm"
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        </div>
      </div>
      <Tabs session={session} admin={admin} />
      {admin && user.role !== 'ADMIN' ? (
        <div className="alert alert--warning" role="alert">
          This page is for the Meridian business team (role admin).
        </div>
      ) : (
        children(session)
      )}
    </>
  );
}

export default function ConsoleLayout({
  title,
  description,
  admin = false,
  children,
}: {
  title: string;
  description: string;
  admin?: boolean;
  children: (session: Session) => ReactNode;
}) {
  return (
    <Layout title={title} description={description}>
      <main className="container margin-vert--lg">
        <BrowserOnly fallback={<p>Loading the console…</p>}>
          {() => (
            <Frame title={title} admin={admin}>
              {children}
            </Frame>
          )}
        </BrowserOnly>
      </main>
    </Layout>
  );
}
