import { useState, type FormEvent } from 'react';
import ConfirmDialog from '../../components/ConfirmDialog';
import ConsoleLayout from '../../components/ConsoleLayout';
import SecretDialog from '../../components/SecretDialog';
import SuspendedNotice from '../../components/SuspendedNotice';
import ErrorNotice from '../../components/ErrorNotice';
import { usePartnerChoice } from '../../components/PartnerPicker';
import accounts from '../../components/accounts.module.css';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import type { ApiKeysPageQuery } from '../../gql/graphql';
import { formatTime } from '../../lib/format';
import { callApi, type Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import { useConfirmedChange } from '../../lib/useConfirmedChange';

/** A secret just created or rolled, waiting to be stored. */
interface Shown {
  name: string;
  secret: string;
  rolled?: boolean;
  previousValidUntil?: string | null;
}

const KEYS_PAGE = graphql(`
  query ApiKeysPage($partnerId: ID!) {
    partner(id: $partnerId) {
      id
      name
      suspendedAt
      plan {
        name
        keyScopes
      }
    }
    apiKeys(partnerId: $partnerId) {
      id
      name
      environment
      prefix
      lastFour
      scopes
      createdAt
      expiresAt
      lastUsedAt
      revokedAt
      previousSecretValidUntil
    }
  }
`);
const CREATE_KEY = graphql(`
  mutation CreateApiKey(
    $partnerId: ID
    $name: String!
    $environment: KeyEnvironment
    $scopes: [String!]!
    $expiresAt: DateTimeISO
  ) {
    createApiKey(
      partnerId: $partnerId
      name: $name
      environment: $environment
      scopes: $scopes
      expiresAt: $expiresAt
    ) {
      secret
      key {
        id
        name
      }
    }
  }
`);
const ROLL_KEY = graphql(`
  mutation RollApiKey($id: ID!, $graceSeconds: Int) {
    rollApiKey(id: $id, graceSeconds: $graceSeconds) {
      secret
      key {
        id
        name
        previousSecretValidUntil
      }
    }
  }
`);
const UPDATE_SCOPES = graphql(`
  mutation UpdateApiKeyScopes($id: ID!, $scopes: [String!]!) {
    updateApiKeyScopes(id: $id, scopes: $scopes) {
      id
      scopes
    }
  }
`);
const REVOKE_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

type ApiKey = ApiKeysPageQuery['apiKeys'][number];

const EXPIRIES = [
  { label: 'Never', days: 0 },
  { label: 'In 7 days', days: 7 },
  { label: 'In 30 days', days: 30 },
  { label: 'In 90 days', days: 90 },
  { label: 'In a year', days: 365 },
];
const GRACE_PERIODS = [
  { label: 'None: the old secret stops at once', seconds: 0 },
  { label: '1 hour', seconds: 3_600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 604_800 },
];
const DAY_MS = 86_400_000;

function status(key: ApiKey): string {
  if (key.revokedAt) return `Revoked ${formatTime(key.revokedAt)}`;
  if (key.expiresAt && Date.parse(key.expiresAt) <= Date.now()) return 'Expired';
  return 'Active';
}

/** What each scope lets a key do, as the authentication guide says. */
const SCOPE_DESCRIPTIONS: Record<string, string> = {
  'matches:read': 'read competitions, matches, teams, players, tracking and match statistics',
  'telemetry:read': "read your operator's fleets, aircraft, engines, sensor series and alerts",
  'telemetry:write': "send sensor readings for your operator's engines",
  'telemetry:catalog': "read every operator's fleets and series, not only your own (read only)",
  'billing:read': 'read your organisation, plan, keys, usage and invoices',
  'keys:manage': 'create, roll, change and revoke keys',
  'users:manage': 'list and invite people',
  'safelist:write': 'change the safelist',
  'billing:manage': 'set who invoices are addressed to',
};

/**
 * The one scope a new key starts with: the first read scope the plan offers. A key gets more only when
 * someone ticks them, so none gets write or management rights by accident.
 */
function fewestScopes(allowed: readonly string[]): string[] {
  const first = allowed.find((scope) => scope.endsWith(':read'));
  return first ? [first] : [];
}

/** A checkbox per scope the plan offers, each with what it lets a key do. */
function ScopeChoices({
  idPrefix,
  allowed,
  chosen,
  onChange,
}: {
  idPrefix: string;
  allowed: readonly string[];
  chosen: readonly string[];
  onChange: (next: string[]) => void;
}) {
  const toggle = (scope: string) =>
    onChange(chosen.includes(scope) ? chosen.filter((s) => s !== scope) : [...chosen, scope]);
  return (
    <fieldset className={accounts.scopeList}>
      <legend className={styles.legend}>Scopes</legend>
      {allowed.map((scope) => (
        <div key={scope} className={accounts.scopeText}>
          <label className={accounts.scopeChoice}>
            <input
              id={`${idPrefix}-${scope}`}
              type="checkbox"
              checked={chosen.includes(scope)}
              onChange={() => toggle(scope)}
              aria-describedby={`${idPrefix}-${scope}-hint`}
            />
            <code>{scope}</code>
          </label>
          <span id={`${idPrefix}-${scope}-hint`} className={accounts.hint}>
            {SCOPE_DESCRIPTIONS[scope] ?? 'as your plan describes it'}
          </span>
        </div>
      ))}
    </fieldset>
  );
}

function CreateKeyForm({
  partnerId,
  allowedScopes,
  onCreated,
}: {
  partnerId: string;
  allowedScopes: string[];
  onCreated: (created: Shown) => void;
}) {
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<'LIVE' | 'TEST'>('TEST');
  const [scopes, setScopes] = useState<string[]>(() => fewestScopes(allowedScopes));
  const [expiryDays, setExpiryDays] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (scopes.length === 0) return setError(new Error('Choose at least one scope.'));
    setBusy(true);
    setError(undefined);
    try {
      const { createApiKey } = await callApi(CREATE_KEY, {
        partnerId,
        name: name.trim(),
        environment,
        scopes,
        expiresAt: expiryDays ? new Date(Date.now() + expiryDays * DAY_MS).toISOString() : null,
      });
      setName('');
      onCreated({ name: createApiKey.key.name, secret: createApiKey.secret });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.panel} aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create a key</h2>
      <ErrorNotice error={error} />
      <form onSubmit={submit} className={styles.form}>
        <div className={styles.field}>
          <label htmlFor="key-name">Name</label>
          <input
            id="key-name"
            required
            maxLength={100}
            placeholder="e.g. production backend"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <ScopeChoices idPrefix="new-key-scope" allowed={allowedScopes} chosen={scopes} onChange={setScopes} />
        <div className={styles.formWide}>
          <div className={styles.field}>
            <label htmlFor="key-environment">Environment</label>
            <select
              id="key-environment"
              aria-describedby="key-environment-hint"
              value={environment}
              onChange={(event) => setEnvironment(event.target.value as 'LIVE' | 'TEST')}
            >
              <option value="TEST">Test (mer_test_…)</option>
              <option value="LIVE">Live (mer_live_…)</option>
            </select>
            <span id="key-environment-hint" className={accounts.hint}>
              Test keys for development; live keys for production traffic.
            </span>
          </div>
          <div className={styles.field}>
            <label htmlFor="key-expiry">Expires</label>
            <select
              id="key-expiry"
              value={expiryDays}
              onChange={(event) => setExpiryDays(Number(event.target.value))}
            >
              {EXPIRIES.map((choice) => (
                <option key={choice.days} value={choice.days}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
    </section>
  );
}

type Pending = { kind: 'roll' | 'revoke' | 'scopes'; key: ApiKey };

/** The status cell: active, expired or revoked, and until when a rolled-away secret still works. */
function KeyStatus({ keyRecord, shown }: { keyRecord: ApiKey; shown: string }) {
  const graceEnd = keyRecord.previousSecretValidUntil;
  const inGrace = !keyRecord.revokedAt && graceEnd && Date.parse(graceEnd) > Date.now();
  return (
    <>
      {shown}
      {inGrace ? (
        <span className={accounts.graceEnd} data-testid="grace-end">
          Old secret works until {formatTime(graceEnd)}
        </span>
      ) : null}
    </>
  );
}

function KeysTable({
  keys,
  suspended,
  allowedScopes,
  onRolled,
  onChanged,
}: {
  keys: ApiKey[];
  /** Keys of a suspended partner are refused and cannot be rolled. */
  suspended: boolean;
  allowedScopes: readonly string[];
  onRolled: (created: Shown) => void;
  onChanged: () => void;
}) {
  const [grace, setGrace] = useState(86_400);
  const [editedScopes, setEditedScopes] = useState<string[]>([]);
  const change = useConfirmedChange<Pending>(async ({ kind, key }) => {
    if (kind === 'revoke') {
      await callApi(REVOKE_KEY, { id: key.id });
      return '';
    }
    if (kind === 'scopes') {
      if (editedScopes.length === 0) throw new Error('Choose at least one scope.');
      await callApi(UPDATE_SCOPES, { id: key.id, scopes: editedScopes });
      return '';
    }
    const { rollApiKey } = await callApi(ROLL_KEY, { id: key.id, graceSeconds: grace });
    onRolled({
      name: rollApiKey.key.name,
      secret: rollApiKey.secret,
      rolled: true,
      previousValidUntil: rollApiKey.key.previousSecretValidUntil,
    });
    return '';
  }, onChanged);
  const { pending } = change;
  const editScopes = (key: ApiKey) => {
    setEditedScopes(key.scopes);
    change.ask({ kind: 'scopes', key });
  };
  if (keys.length === 0) return <p>{suspended ? 'No keys.' : 'No keys yet: create the first one above.'}</p>;
  return (
    <>
      <div className={styles.tableWrap}>
        <table className={styles.stacked}>
          <caption className={styles.visuallyHidden}>API keys, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const active = status(key) === 'Active';
              const shown = active && suspended ? 'Refused: partner suspended' : status(key);
              return (
                <tr key={key.id} data-key-id={key.id}>
                  <td data-label="Name">{key.name}</td>
                  <td data-label="Key">
                    <code>
                      {key.prefix}…{key.lastFour}
                    </code>
                  </td>
                  <td data-label="Scopes">{key.scopes.join(', ')}</td>
                  <td data-label="Created">{formatTime(key.createdAt)}</td>
                  <td data-label="Expires">{formatTime(key.expiresAt)}</td>
                  <td data-label="Last used">{formatTime(key.lastUsedAt)}</td>
                  <td data-label="Status" className={styles.badge}>
                    <KeyStatus keyRecord={key} shown={shown} />
                  </td>
                  <td data-label="Actions">
                    {active ? (
                      <div className={styles.actions}>
                        {suspended ? null : (
                          <>
                            <button
                              type="button"
                              className="button button--secondary button--sm"
                              aria-label={`Roll ${key.name}`}
                              onClick={() => change.ask({ kind: 'roll', key })}
                            >
                              Roll
                            </button>
                            <button
                              type="button"
                              className="button button--secondary button--sm"
                              aria-label={`Edit the scopes of ${key.name}`}
                              onClick={() => editScopes(key)}
                            >
                              Scopes
                            </button>
                          </>
                        )}
                        <button
                          type="button"
                          className="button button--danger button--sm"
                          aria-label={`Revoke ${key.name}`}
                          onClick={() => change.ask({ kind: 'revoke', key })}
                        >
                          Revoke
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={pending !== undefined}
        title={
          pending?.kind === 'roll'
            ? `Roll “${pending.key.name}”?`
            : pending?.kind === 'scopes'
              ? `Scopes of “${pending.key.name}”`
              : `Revoke “${pending?.key.name}”?`
        }
        confirmLabel={
          pending?.kind === 'roll' ? 'Roll key' : pending?.kind === 'scopes' ? 'Save scopes' : 'Revoke key'
        }
        danger={pending?.kind === 'revoke'}
        busy={change.busy}
        error={change.failure}
        onConfirm={() => void change.confirm()}
        onCancel={() => change.ask(undefined)}
      >
        {pending?.kind === 'roll' ? (
          <div className={styles.field}>
            <p>The key gets a new secret, shown once. Callers still using the old one keep working for:</p>
            <label htmlFor="roll-grace">Grace period</label>
            <select id="roll-grace" value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
              {GRACE_PERIODS.map((choice) => (
                <option key={choice.seconds} value={choice.seconds}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
        ) : pending?.kind === 'scopes' ? (
          <>
            <p>The key keeps its secret; every gateway applies the new scopes within a second.</p>
            <ScopeChoices
              idPrefix="edit-key-scope"
              allowed={allowedScopes}
              chosen={editedScopes}
              onChange={setEditedScopes}
            />
          </>
        ) : (
          <p>Every request made with this key will be refused within a second. This cannot be undone.</p>
        )}
      </ConfirmDialog>
    </>
  );
}

function Keys({ session }: { session: Session }) {
  const { partnerId, picker } = usePartnerChoice(session);
  const { data, error, reload } = useApi(KEYS_PAGE, partnerId ? { partnerId } : null);
  const [created, setCreated] = useState<Shown>();
  const shown = (next: Shown) => {
    setCreated(next);
    reload();
  };
  return (
    <>
      {picker}
      <ErrorNotice error={error} />
      {created ? <SecretDialog {...created} onDone={() => setCreated(undefined)} /> : null}
      {data?.partner && partnerId ? (
        <>
          {data.partner.suspendedAt ? (
            <SuspendedNotice name={data.partner.name} suspendedAt={data.partner.suspendedAt} />
          ) : (
            <CreateKeyForm
              key={partnerId}
              partnerId={partnerId}
              allowedScopes={data.partner.plan.keyScopes}
              onCreated={shown}
            />
          )}
          <h2>Keys of {data.partner.name}</h2>
          <KeysTable
            keys={data.apiKeys}
            suspended={Boolean(data.partner.suspendedAt)}
            allowedScopes={data.partner.plan.keyScopes}
            onRolled={shown}
            onChanged={reload}
          />
        </>
      ) : null}
    </>
  );
}

export default function KeysPage() {
  return (
    <ConsoleLayout title="API keys" description="Create, roll and revoke your Meridian API keys.">
      {(session) => <Keys session={session} />}
    </ConsoleLayout>
  );
}
