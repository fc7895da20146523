import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import accounts from '../../components/accounts.module.css';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import { formatTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';

const OUTBOX = graphql(`
  query Outbox {
    outbox(limit: 50) {
      id
      recipient
      subject
      body
      createdAt
    }
  }
`);

/** The body of a message, with its links made clickable (they lead into this portal). */
function Body({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <pre className={accounts.messageBody}>
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

function Outbox() {
  const { data, error, reload, loading } = useApi(OUTBOX, {});
  return (
    <>
      <p>
        No mail server is configured (<code>SMTP_URL</code>), so the portal keeps its e-mail here instead of
        sending it: invitations, password resets. Set <code>SMTP_URL</code> in production.
      </p>
      <div className={styles.actions}>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={reload}
          disabled={loading}
        >
          Refresh
        </button>
      </div>
      <ErrorNotice error={error} />
      {data && data.outbox.length === 0 ? <p>The outbox is empty.</p> : null}
      <ul className="clean-list margin-top--md">
        {data?.outbox.map((message) => (
          <li
            key={message.id}
            className={accounts.message}
            aria-label={`${message.subject} to ${message.recipient}`}
          >
            <strong>{message.subject}</strong>
            <div>
              To {message.recipient}, {formatTime(message.createdAt)}
            </div>
            <Body text={message.body} />
          </li>
        ))}
      </ul>
    </>
  );
}

export default function OutboxPage() {
  return (
    <ConsoleLayout title="Outbox" description="E-mail the portal kept instead of sending." admin>
      {() => <Outbox />}
    </ConsoleLayout>
  );
}
