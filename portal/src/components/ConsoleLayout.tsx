/**
 * The frame of every console and admin page: the site's layout, the console's tabs, who is signed in with
 * a sign-out button, and the sign-in form in place of the page while nobody is. The page itself renders
 * only in the browser (it calls the API with the session), never in the static build.
 */
import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import { useLocation } from '@docusaurus/router';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import { signOut, useSession, useSessionPending, type Session } from '../lib/session';
import { partnerInSearch, partnerSearch } from './PartnerPicker';
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
const ADMIN_TABS = [
  { to: '/admin', label: 'Partners' },
  { to: '/admin/onboard', label: 'Onboard a partner' },
  { to: '/admin/dashboards', label: 'Revenue' },
  { to: '/admin/requests', label: 'Access requests' },
  { to: '/admin/outbox', label: 'Outbox' },
];

function Tabs({ session }: { session: Session }) {
  const { pathname, search } = useLocation();
  // The partner an admin is looking at stays chosen from tab to tab.
  const keep = partnerSearch(partnerInSearch(search));
  const here = pathname.replace(/\/$/, '') || '/';
  const tabs = session.user.role === 'ADMIN' ? [...CONSOLE_TABS, ...ADMIN_TABS] : CONSOLE_TABS;
  return (
    <nav aria-label="Console">
      <ul className={styles.tabs}>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <Link
              to={CONSOLE_TABS.includes(tab) ? `${tab.to}${keep}` : tab.to}
              className={`${styles.tab} ${here === tab.to ? styles.tabActive : ''}`}
              aria-current={here === tab.to ? 'page' : undefined}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
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
      <Tabs session={session} />
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
