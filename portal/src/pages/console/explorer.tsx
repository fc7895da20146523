import { lazy, Suspense } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';

// GraphiQL needs a DOM: it is loaded only when the page runs in the browser.
const Explorer = lazy(() => import('../../components/Explorer'));

export default function ExplorerPage() {
  return (
    <ConsoleLayout
      title="Explorer"
      description="Try the Meridian GraphQL API with your own session: schema, docs and history."
    >
      {() => (
        <>
          <p>
            Queries run as you, through the same gateway as your keys, with your plan's scopes and limits. The
            explorer uses your short-lived session token; no API key is needed or stored.
          </p>
          <Suspense fallback={<p>Loading the explorer…</p>}>
            <Explorer />
          </Suspense>
        </>
      )}
    </ConsoleLayout>
  );
}
