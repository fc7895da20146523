import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';
import styles from './index.module.css';

interface Step {
  readonly title: string;
  readonly text: string;
  readonly action: string;
  readonly to: string;
}

// The console is a separate browser app served by the gateway, hence a plain path outside the docs.
const steps: readonly Step[] = [
  {
    title: 'Sign in to the console',
    text: 'Use the email and password from your invitation. Running Meridian locally? npm start prints a demo key: skip to step 3.',
    action: 'Open the console',
    to: 'pathname:///console',
  },
  {
    title: 'Create an API key',
    text: 'Name it, pick TEST or LIVE and the scopes it needs (matches:read for football). Copy it: it is shown once.',
    action: 'Keys and scopes',
    to: '/docs/getting-started#2-create-an-api-key',
  },
  {
    title: 'Send your first query',
    text: 'One POST to /graphql with the key in x-api-key: copy-paste examples in curl, JavaScript and Python.',
    action: 'First query',
    to: '/docs/getting-started#3-send-a-first-query',
  },
];

export default function Home(): ReactNode {
  return (
    <Layout
      title="Developer portal"
      description="One GraphQL endpoint over match tracking, engine telemetry and billing"
    >
      <header className={styles.hero}>
        <div className="container">
          <h1 className={styles.title}>Meridian</h1>
          <p className={styles.tagline}>
            One GraphQL endpoint over 10 Hz football tracking, aircraft-engine telemetry and your account,
            with live data over websockets.
          </p>
          <Link className="button button--primary button--lg" to="/docs/getting-started">
            Get started in five minutes
          </Link>
        </div>
      </header>
      <main className="container margin-vert--xl">
        <ol className={styles.steps}>
          {steps.map((step, index) => (
            <li key={step.title} className={styles.step}>
              <span className={styles.number}>{index + 1}</span>
              <h2>{step.title}</h2>
              <p>{step.text}</p>
              <Link to={step.to}>{step.action} →</Link>
            </li>
          ))}
        </ol>
        <p className={styles.more}>
          Then: the guides to <Link to="/docs/guides/matches">matches</Link>,{' '}
          <Link to="/docs/guides/telemetry">telemetry</Link> and{' '}
          <Link to="/docs/guides/billing">billing</Link>,{' '}
          <Link to="/docs/subscriptions">live subscriptions</Link>, the{' '}
          <Link to="/docs/reference/api/api-reference">API reference</Link> and the{' '}
          <Link to="/docs/reference/changelog">schema changelog</Link>.
        </p>
      </main>
    </Layout>
  );
}
