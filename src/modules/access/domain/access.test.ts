import { describe, expect, it } from 'vitest';
import { can, covers, requirePermission, systemActor, type Actor } from './actor.js';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-hash.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';
import { RoleSchema, roleLevel } from './roles.js';

const staff = (role: Actor['role'], division: string): Actor => ({
  accountId: 1,
  username: 'u',
  role,
  division,
  channel: 'api',
});

describe('jurisdiction', () => {
  it('covers what lies beneath the division, by code prefix', () => {
    const town = staff('townshipOfficer', '211382101');
    expect(covers(town, '211382101200')).toBe(true);
    expect(covers(town, '211382101')).toBe(true);
    expect(covers(town, '211382102200')).toBe(false);
    expect(covers(town, '211382')).toBe(false);
    expect(covers(systemActor('cli'), '211382102200')).toBe(true);
  });
});

describe('permissions', () => {
  it('lets the leader and the auditor read nothing of the registry', () => {
    expect(can(staff('leader', '211382'), 'registry.read')).toBe(false);
    expect(can(staff('auditor', '211382'), 'registry.read')).toBe(false);
    expect(can(staff('auditor', '211382'), 'audit.read')).toBe(true);
  });
  it('lets only the system administrator manage accounts', () => {
    for (const role of RoleSchema.options) {
      expect(can(staff(role, '211382'), 'accounts.manage')).toBe(role === 'systemAdmin');
    }
    expect(() => requirePermission(staff('cityOfficer', '211382'), 'accounts.manage')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
  it('binds every staff role to a level of the tree', () => {
    expect(roleLevel.villageClerk).toBe('village');
    expect(roleLevel.townshipOfficer).toBe('township');
    expect(roleLevel.cityApprover).toBe('county');
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const h = await hashPassword('correct-horse-42');
    expect(h).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('correct-horse-42', h)).toBe(true);
    expect(await verifyPassword('correct-horse-43', h)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
  it('refuses short passwords and ones without a letter or a digit', () => {
    for (const p of ['short1', 'onlyletterslong', '1234567890123']) {
      expect(() => checkPasswordStrength(p)).toThrow(expect.objectContaining({ code: 'WEAK_PASSWORD' }));
    }
    expect(() => checkPasswordStrength('long-enough-1')).not.toThrow();
  });
});

describe('audit hash', () => {
  const record = {
    chain: '211382',
    seq: 1,
    at: new Date('2019-06-15T01:02:03.004Z'),
    actorId: 7,
    actorUsername: 'u',
    actorRole: 'townshipOfficer',
    channel: 'api',
    ip: null,
    action: 'person.create',
    entityType: 'person',
    entityId: '42',
    details: { b: 1, a: [2, { d: 3, c: 4 }] },
  };
  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    const reordered = { ...record, details: { a: [2, { c: 4, d: 3 }], b: 1 } };
    expect(auditHash(GENESIS_HASH, record).equals(auditHash(GENESIS_HASH, reordered))).toBe(true);
  });
  it('changes with any field and with the previous hash', () => {
    const h = auditHash(GENESIS_HASH, record);
    expect(h.equals(auditHash(GENESIS_HASH, { ...record, action: 'person.update' }))).toBe(false);
    expect(h.equals(auditHash(h, record))).toBe(false);
  });
});
