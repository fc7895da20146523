/**
 * Billing's key-change feed (`BILLING_ROUTES.keyChanges`): each change of a key, a partner's standing or
 * plan, or its safelist, so every gateway drops what it cached of them at once.
 */
import { z } from 'zod';

const KEY_CHANGE_KINDS = [
  'revoked',
  'rolled',
  'settings-changed',
  'plan-changed',
  'safelist-changed',
  'suspended',
  'reactivated',
] as const;

export const KeyChangeSchema = z.object({
  kind: z.enum(KEY_CHANGE_KINDS),
  keyId: z.string().optional(),
  partnerId: z.string().optional(),
});
export type KeyChange = z.infer<typeof KeyChangeSchema>;
