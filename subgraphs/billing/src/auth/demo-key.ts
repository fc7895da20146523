/**
 * The demo partner and its key on a development platform, so a fresh `npm start` can be called at once with
 * the key it prints. The key is derived from the principal secret (kit's `demoApiKey`); production never
 * gets one. The partner is linked to the first demo airline, so the key writes that operator's engines and,
 * on the Enterprise plan, reads every operator's fleet data through the catalog scope.
 */
import { demoApiKey, demoCustomerIds, hashKey, parseKey } from '@meridian/kit';
import type { BillingStore } from '../store';
import { knownScopes } from './scopes';

const DEMO_PARTNER_ID = 'par_demo';
const DEMO_KEY_ID = 'key_demo';
const DEMO_PLAN_ID = 'plan_enterprise';
/** Blue Horizon Airways (`cus_0004`), the first aviation customer of the demo data. */
const DEMO_CUSTOMER_ID = demoCustomerIds('AVIATION')[0]!;

/** Creates the demo partner (linked to its airline) and key unless they exist; returns the key. */
export async function ensureDemoKey(
  store: BillingStore,
  principalSecret: string,
  now: Date,
): Promise<string> {
  const secret = demoApiKey(principalSecret);
  const [partner] = await store.partnersByIds([DEMO_PARTNER_ID]);
  if (!partner) {
    await store.createPartner({
      id: DEMO_PARTNER_ID,
      name: 'Meridian Demo',
      customerId: DEMO_CUSTOMER_ID,
      planId: DEMO_PLAN_ID,
      createdAt: now,
      suspendedAt: null,
    });
  } else if (partner.customerId === null) {
    // A data folder from before partners were linked to their operator.
    await store.setPartnerCustomer(DEMO_PARTNER_ID, DEMO_CUSTOMER_ID);
  }
  if (await store.grantByHash(hashKey(secret))) return secret;
  const [existing] = await store.keysByIds([DEMO_KEY_ID]);
  // A demo key from an earlier principal secret is replaced by this secret's.
  if (existing) await store.revokeKey(DEMO_KEY_ID, now);
  const parsed = parseKey(secret)!;
  await store.createKey({
    id: existing ? `${DEMO_KEY_ID}_${now.getTime()}` : DEMO_KEY_ID,
    partnerId: DEMO_PARTNER_ID,
    name: 'Demo key (development only)',
    environment: 'test',
    prefix: parsed.prefix,
    lastFour: parsed.lastFour,
    scopes: [...knownScopes],
    createdAt: now,
    expiresAt: null,
    safelistOnly: false,
    hash: hashKey(secret),
  });
  return secret;
}
