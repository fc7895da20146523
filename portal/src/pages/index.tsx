import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';

export default function Home(): JSX.Element {
  return (
    <Layout
      title="Meridian"
      description="One GraphQL endpoint over match tracking, engine telemetry and billing"
    >
      <main className="container margin-vert--xl">
        <h1>Meridian</h1>
        <p>One GraphQL endpoint over match tracking, engine telemetry and billing.</p>
        <Link className="button button--primary" to="/docs/getting-started">
          Get started
        </Link>
      </main>
    </Layout>
  );
}
