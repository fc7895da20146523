/**
 * A past for the demo partners on a development platform (`DEMO_HISTORY=on`), so the business dashboards of
 * a fresh `npm start` show months of figures: daily billed usage from `HISTORY_MONTHS` months ago up to
 * today, then each finished month's invoice prepared, issued and (when old enough) paid through the same
 * code the business team's buttons call (`prepareDraft`, the store's status steps), dated as if it had
 * happened on time. One free partner leaves (is suspended) two months ago, so churn has something to show.
 * Deterministic for a given seed and day; written once (its own key id marks it), never in production
 * (config refuses it there).
 */
import { en, Faker } from '@faker-js/faker';
import type { Logger } from '@meridian/kit';

import { ALL_SUBGRAPHS } from '../store';
import type { UsageRollupTable } from '../store/tables';
import type { InvoiceParty } from './parties';
import { prepareDraft, type DraftDeps } from './drafts';
import { dayOf, dueDate } from './issue';

/** Months of history before the current one. */
const HISTORY_MONTHS = 6;
/** The key id of the history's usage rows: not a real key, so no partner's key list shows it. */
const HISTORY_KEY_ID = 'key_demo_history';
const DAY_MS = 86_400_000;
/** Days after a month's end when its invoice is issued, and then paid. */
const ISSUE_AFTER_DAYS = 1;
const PAID_AFTER_DAYS = 14;
/** The share of its quota the launching partner has used by today. */
const LAUNCH_SHARE = 0.9;
/** The share of the history's usage on match data; the rest reads fleet telemetry. */
const MATCHES_SHARE = 0.6;

const monthStart = (at: Date, monthsLater = 0) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + monthsLater, 1));

function rollup(
  partnerId: string,
  day: Date,
  subgraph: string,
  operation: string,
  billed: number,
): UsageRollupTable {
  return {
    granularity: 'day',
    bucket: day.toISOString(),
    partner_id: partnerId,
    key_id: HISTORY_KEY_ID,
    subgraph,
    operation,
    requests: billed,
    billed,
    errors: Math.floor(billed / 400),
    cost: billed * 3,
    duration_ms: billed * 40,
    bytes: billed * 2_000,
    subscription_messages: 0,
  };
}

/** Writes the history unless it is there already; resolves to whether it wrote it. */
export async function ensureDemoHistory(
  deps: DraftDeps & {
    readonly seed: number;
    /** What issuing needs, as the admins' `issueInvoice` gives it. */
    readonly issue: {
      readonly seller: InvoiceParty;
      readonly paymentTermsDays: number;
      readonly numberPrefix: string;
    };
  },
  logger?: Logger,
): Promise<boolean> {
  const { store } = deps;
  if (await store.hasRollupsOfKey(HISTORY_KEY_ID)) return false;
  const now = deps.now();
  const faker = new Faker({ locale: en, seed: deps.seed });
  const first = monthStart(now, -HISTORY_MONTHS);
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const partners = (await store.listPartners()).filter((partner) => partner.createdAt < first);
  const plans = new Map((await store.listPlans()).map((plan) => [plan.id, plan]));
  const leaver = partners.find((partner) => partner.planId === 'plan_free' && partner.suspendedAt === null);
  const leftAt = new Date(monthStart(now, -2).getTime() + 14 * DAY_MS);
  // One paying partner launched something this month: it is already close to its quota.
  const launcher = partners.find((partner) => partner.planId !== 'plan_free' && partner !== leaver);
  const thisMonth = monthStart(now);
  const daysThisMonth = Math.round((today.getTime() - thisMonth.getTime()) / DAY_MS) + 1;

  const rows: UsageRollupTable[] = [];
  for (const partner of partners) {
    const quota = plans.get(partner.planId)?.monthlyQuota ?? 0;
    // How much of its quota a partner uses, and how fast that grows: a few end up near or over it.
    const share = faker.number.float({ min: 0.25, max: 0.75 });
    const growth = faker.number.float({ min: 0, max: 0.08 });
    for (let day = first; day <= today; day = new Date(day.getTime() + DAY_MS)) {
      if (partner === leaver && day >= leftAt) break;
      const monthsIn = (day.getTime() - first.getTime()) / (30 * DAY_MS);
      const weekend = [0, 6].includes(day.getUTCDay()) ? 0.6 : 1;
      const noise = faker.number.float({ min: 0.85, max: 1.15 });
      const billed =
        partner === launcher && day >= thisMonth
          ? Math.round((quota * LAUNCH_SHARE) / daysThisMonth)
          : Math.round(((quota * share) / 30) * (1 + growth * monthsIn) * weekend * noise);
      if (billed <= 0) continue;
      // Like metering: each operation once over every subgraph (`*`), and once on the subgraph it touched.
      const matches = Math.round(billed * MATCHES_SHARE);
      for (const [subgraph, operation, amount] of [
        ['matches', 'LiveMatchCentre', matches],
        ['telemetry', 'FleetHealth', billed - matches],
      ] as const) {
        rows.push(rollup(partner.id, day, ALL_SUBGRAPHS, operation, amount));
        rows.push(rollup(partner.id, day, subgraph, operation, amount));
      }
    }
  }
  await store.insertRollups(rows);
  if (leaver) await store.setPartnerSuspended(leaver.id, leftAt);

  const profiles = new Map(
    (await store.billingProfilesByPartnerIds(partners.map((partner) => partner.id))).map((profile) => [
      profile.partnerId,
      profile,
    ]),
  );
  let invoices = 0;
  for (let month = first; month < monthStart(now); month = monthStart(month, 1)) {
    const period = month.toISOString().slice(0, 7);
    const issuedAt = new Date(monthStart(month, 1).getTime() + ISSUE_AFTER_DAYS * DAY_MS + 9 * 3_600_000);
    const paidAt = new Date(issuedAt.getTime() + PAID_AFTER_DAYS * DAY_MS);
    for (const partner of partners) {
      if (partner === leaver && leftAt < month) continue;
      const buyer = profiles.get(partner.id);
      const draft = await prepareDraft({ ...deps, now: () => issuedAt }, partner, period);
      // Issued as an admin would: only with the buyer's details, numbered, due after the payment terms.
      if (draft.status !== 'draft' || issuedAt > now || !buyer) continue;
      const issued = await store.issueDraft(draft.id, {
        issuedAt,
        dueOn: dueDate(issuedAt, deps.issue.paymentTermsDays),
        numberPrefix: deps.issue.numberPrefix,
        seller: deps.issue.seller,
        buyer,
        override: null,
      });
      if (issued?.status === 'issued' && paidAt <= now) {
        await store.recordPayment({
          id: `pay_demo_${draft.id}`,
          invoiceId: draft.id,
          amountCents: issued.totalCents,
          paidOn: dayOf(paidAt),
          reference: `Transfer ${issued.number}`,
          recordedAt: paidAt,
          recordedBy: null,
        });
      }
      invoices += 1;
    }
  }
  logger?.info(`demo history: ${rows.length} daily usage rows and ${invoices} issued invoices`);
  return true;
}
