import { isStaff, type Actor, type Role } from '../../access/index.js';

/** Who a notification is for. */
export type Recipient =
  /** The citizen account(s) linked to that person. */
  | { kind: 'person'; county: string; id: number }
  /** The enterprise account(s) linked to that enterprise. */
  | { kind: 'enterprise'; county: string; id: number }
  /** Staff of that role bound exactly to that division (a team inbox; read state is per account). */
  | { kind: 'staff'; division: string; role: Role }
  /** One account. */
  | { kind: 'account'; accountId: number };

/** The recipient as stored: one text key, so an inbox is one index range per key. */
export function recipientKey(r: Recipient): string {
  switch (r.kind) {
    case 'person':
    case 'enterprise':
      return `${r.kind}:${r.county}:${r.id}`;
    case 'staff':
      return `staff:${r.division}:${r.role}`;
    case 'account':
      return `account:${r.accountId}`;
  }
}

/** Every key under which an actor receives notifications. */
export function recipientKeysOf(actor: Actor): string[] {
  const keys: string[] = [];
  if (actor.accountId !== null) keys.push(recipientKey({ kind: 'account', accountId: actor.accountId }));
  if (actor.role === 'citizen' && actor.person) keys.push(recipientKey({ kind: 'person', ...actor.person }));
  if (actor.role === 'enterprise' && actor.enterprise)
    keys.push(recipientKey({ kind: 'enterprise', ...actor.enterprise }));
  if (actor.role !== 'system' && isStaff(actor.role) && actor.division)
    keys.push(recipientKey({ kind: 'staff', division: actor.division, role: actor.role }));
  return keys;
}

/** The person behind a `person:` key (the only recipients an SMS can reach: the registry has their phone). */
export function personOfKey(key: string): { county: string; id: number } | undefined {
  const m = /^person:(\d{6}):(\d+)$/.exec(key);
  return m ? { county: m[1]!, id: Number(m[2]) } : undefined;
}
