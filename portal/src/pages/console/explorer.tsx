import { lazy, Suspense } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';

// GraphiQL needs a DOM: it is loaded only when the page runs in the browser.
const Explorer = lazy(() => import('../../components/Explorer'));

export default function ExplorerPage() {
  return (
    <ConsoleLayout
      title="Explorer"
      description="Try the Meridian GraphQL API as your session or one of your API keys: schema, docs, examples and live subscriptions."
    >
      {() => (
        <>
          <p>
            Operations run through the same gateway as every client, as the credentials you choose: your
            session, or one of your API keys with exactly its scopes and limits, as <code>curl</code> would
            send it. Subscriptions stream over websockets. Usage counts against your quota.
          </p>
          <Suspense fallback={<p>Loading the explorer…</p>}>
            <Explorer />
          </Suspense>
        </>
      )}
    </ConsoleLayout>
  );
}
