/**
 * A data folder from before telemetry was split per operator: its Enterprise plan and its development demo
 * key read every fleet with `telemetry:read` alone. After the upgrade they hold `telemetry:catalog`, so they
 * read what they read before; the other plans do not gain it.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { startBillingForTest } from './service';

const BEFORE = JSON.stringify(['matches:read', 'telemetry:read', 'telemetry:write', 'billing:read']);

describe('upgrading a data folder to the fleet catalog scope', () => {
  it('gives the Enterprise plan and the demo key the catalog, and nothing else', async () => {
    const first = await startBillingForTest({ env: { NODE_ENV: 'development' } });
    const dataDir = first.dataDir;
    await first.close();
    const file = path.join(dataDir, 'billing.sqlite');
    // Back to how the folder looked before the catalog scope: every plan and the demo key without it.
    const db = new Database(file);
    db.prepare('update plan set allowed_scopes = ? where id in (?, ?)').run(
      BEFORE,
      'plan_pro',
      'plan_enterprise',
    );
    db.prepare("update api_key set scopes = ? where partner_id = 'par_demo'").run(BEFORE);
    // The migrations from the catalog scope on, undone: the upgrade runs them all again, in order (the
    // billing profiles, invoice numbers and payments of 0012 among them).
    db.exec(`
      drop table password_reset; drop table access_request; drop table outbox_message; drop table request_log;
      drop table saved_question;
      alter table usage_rollup drop column billed;
      drop table billing_profile; drop table invoice_payment; drop table invoice_number_sequence;
      drop index invoice_number;
      alter table invoice drop column number; alter table invoice drop column due_on;
      alter table invoice drop column seller; alter table invoice drop column buyer;
      alter table invoice drop column amount_paid_cents; alter table invoice drop column override_reason;
      alter table invoice drop column override_by; alter table invoice drop column override_at;
      drop table audit_event; drop index invitation_partner; alter table invitation drop column revoked_at;
      delete from kysely_migration where name >= '0007_fleet_catalog_scope';
    `);
    db.close();

    const upgraded = await startBillingForTest({ dataDir, env: { NODE_ENV: 'development' } });
    await upgraded.close();
    const after = new Database(file, { readonly: true });
    const plans = Object.fromEntries(
      (
        after.prepare('select id, allowed_scopes from plan').all() as { id: string; allowed_scopes: string }[]
      ).map((row) => [row.id, JSON.parse(row.allowed_scopes) as string[]]),
    );
    const demoKeys = after.prepare("select scopes from api_key where partner_id = 'par_demo'").all() as {
      scopes: string;
    }[];
    after.close();
    expect(plans.plan_enterprise).toContain('telemetry:catalog');
    expect(plans.plan_pro).not.toContain('telemetry:catalog');
    expect(plans.plan_free).not.toContain('telemetry:catalog');
    expect(demoKeys.length).toBeGreaterThan(0);
    for (const key of demoKeys) expect(JSON.parse(key.scopes)).toContain('telemetry:catalog');
  });
});
