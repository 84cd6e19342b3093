import { describe, expect, it } from 'vitest';
import { acrAccepted, chooseRole, Cis2ClaimsError, parseCis2Claims, readableRoleName, rolesOnHub } from './cis2-claims.ts';

const nurse = { person_orgid: '1', person_roleid: '555021937109', org_code: 'rx1', role_name: '"Clinical":"Clinical Provision":"Nurse Access Role"', role_code: 'S8000:G8000:R8001' };
const agent = { person_roleid: '555021937111', org_code: 'RY2', role_name: '"Admin":"Management":"Registration Authority Agent"', role_code: 'S8002:G8001:R8008' };

describe('parseCis2Claims', () => {
  it('reads the ID token and userinfo together, upper-casing ODS codes', () => {
    const identity = parseCis2Claims(
      { sub: '555021935107', acr: 'AAL3_ANY', amr: ['N3_SMARTCARD'], selected_roleid: '555021937111' },
      { sub: '555021935107', nhsid_useruid: '555021935107', given_name: 'Ada', family_name: 'Test', email: 'Ada@Example.NHS.net', nhsid_nrbac_roles: [nurse, agent], nhsid_user_orgs: [{ org_code: 'rx1', org_name: 'Trust One' }] },
    );
    expect(identity).toEqual({
      uid: '555021935107',
      name: 'Ada Test',
      email: 'ada@example.nhs.net',
      roles: [
        { roleId: '555021937109', orgCode: 'RX1', roleName: 'Nurse Access Role', roleCode: 'S8000:G8000:R8001' },
        { roleId: '555021937111', orgCode: 'RY2', roleName: 'Registration Authority Agent', roleCode: 'S8002:G8001:R8008' },
      ],
      userOrgs: [{ orgCode: 'RX1', orgName: 'Trust One' }],
      selectedRoleId: '555021937111',
      acr: 'AAL3_ANY',
      amr: ['N3_SMARTCARD'],
    });
  });

  it('takes acr and amr from the ID token only, never from userinfo', () => {
    const identity = parseCis2Claims({ sub: 'u1', acr: 'AAL1_USERPASS' }, { acr: 'AAL3_ANY', amr: ['N3_SMARTCARD'] });
    expect(identity.acr).toBe('AAL1_USERPASS');
    expect(identity.amr).toEqual([]);
  });

  it('drops malformed and duplicate roles but keeps the good ones', () => {
    const identity = parseCis2Claims({ sub: 'u1' }, { nhsid_nrbac_roles: [nurse, { ...nurse, org_code: 'OTHER' }, { org_code: 'RX1' }, 'junk', { person_roleid: '9', org_code: '' }] });
    expect(identity.roles.map((r) => r.roleId)).toEqual(['555021937109']);
  });

  it('falls back to sub for the user id and to a plain name', () => {
    const identity = parseCis2Claims({ sub: 'u1' });
    expect(identity).toMatchObject({ uid: 'u1', name: 'NHS CIS2 user', roles: [], amr: [] });
    expect(identity.email).toBeUndefined();
  });

  it('ignores an e-mail claim that is not an address', () => {
    expect(parseCis2Claims({ sub: 'u1', email: 'not an address' }).email).toBeUndefined();
  });

  it('refuses claims without a subject', () => {
    expect(() => parseCis2Claims({ acr: 'AAL3_ANY' })).toThrow(Cis2ClaimsError);
    expect(() => parseCis2Claims({ sub: 'u1', nhsid_nrbac_roles: 'RX1' })).toThrow(Cis2ClaimsError);
  });
});

describe('readableRoleName', () => {
  it.each([
    ['"Clinical":"Clinical Provision":"Nurse Access Role"', 'Nurse Access Role'],
    ['Nurse', 'Nurse'],
    ['S8000:G8000:R8001', 'R8001'],
  ])('%s → %s', (raw, expected) => expect(readableRoleName(raw)).toBe(expected));
});

describe('rolesOnHub and chooseRole', () => {
  const roles = parseCis2Claims({ sub: 'u1' }, { nhsid_nrbac_roles: [nurse, agent, { person_roleid: 'x', org_code: 'ZZZ' }] }).roles;
  const hub = new Map([['RX1', 'trust-one'], ['RY2', 'trust-two']]);

  it('keeps the roles at organisations on this hub', () => {
    expect(rolesOnHub(roles, hub).map((r) => r.organisation)).toEqual(['trust-one', 'trust-two']);
    expect(rolesOnHub(roles, new Map())).toEqual([]);
  });

  it.each([
    ['no role', [], undefined, 'none'],
    ['one role', ['a'], undefined, 'one'],
    ['several roles', ['a', 'b'], undefined, 'choose'],
    ['several roles, one selected at CIS2', ['a', 'b'], 'b', 'one'],
    ['a selection not on this hub', ['a', 'b'], 'z', 'choose'],
  ])('%s', (_name, ids, selected, kind) => {
    const choice = chooseRole(ids.map((roleId) => ({ roleId })), selected);
    expect(choice.kind).toBe(kind);
    if (choice.kind === 'one' && selected) expect(choice.role.roleId).toBe(selected);
  });
});

describe('acrAccepted', () => {
  const allow = ['AAL2_OR_AAL3_ANY', 'AAL3_ANY'];
  it.each([
    ['AAL3_ANY', true],
    ['AAL2_OR_AAL3_ANY', true],
    ['AAL1_USERPASS', false],
    ['aal3_any', false],
    [undefined, false],
  ])('%s → %s', (acr, expected) => expect(acrAccepted(acr, allow)).toBe(expected));
});
