import { describe, expect, it } from 'vitest';
import { ACTIVITY_GROUPS, activityActions, describeActivity } from './access-activity.ts';

describe('the access activity an organisation admin reviews', () => {
  it('lists sign-ins, role changes and imports, and never a learner’s own learning', () => {
    const all = activityActions();
    for (const action of ['sign-in.password.succeeded', 'sign-in.oidc.refused', 'person.roles-changed', 'staff-import.applied', 'person.deactivated']) expect(all).toContain(action);
    for (const action of ['ratings.saved', 'journey.planned', 'evidence.added', 'profile.updated', 'focus.set']) expect(all).not.toContain(action);
    expect(new Set(ACTIVITY_GROUPS.flatMap((g) => activityActions(g)))).toEqual(new Set(all));
    expect(activityActions('sign-in')).not.toContain('person.roles-changed');
  });

  it.each([
    ['person.roles-changed', { from: ['learner'], to: ['learner', 'organisation-admin'] }, 'Roles changed from Learner to Learner, Organisation admin'],
    ['sign-in.oidc.refused', { reason: 'acr-too-low' }, 'NHS CIS2 sign-in refused: the sign-in method was not strong enough'],
    ['sign-in.oidc.refused', {}, 'NHS CIS2 sign-in refused: reason not recorded'],
    ['sign-in.oidc.succeeded', { roleName: 'Nurse Access Role' }, 'Signed in with NHS CIS2 as Nurse Access Role'],
    ['staff-import.applied', { counts: { newPeople: 40, changedPeople: 3, leavers: 2 } }, 'ESR staff import applied: 40 new, 3 changed, 2 leavers'],
    ['person.deactivated', { reason: 'left', source: 'esr' }, 'Account disabled: left, by an ESR import'],
    ['person.created', { source: 'esr', via: 'web' }, 'Account created from ESR'],
    ['organisation.sign-in-settings-changed', { before: { odsCode: null, cis2CreateAccounts: false }, after: { odsCode: 'RZZ', cis2CreateAccounts: true } }, 'Sign-in settings changed: ODS code none → RZZ; CIS2 sign-in may create accounts'],
    ['supervision.assigned', { source: 'esr' }, 'Supervisor assigned from ESR'],
    ['person.roles-changed', 'not an object', 'Roles changed from none to none'],
  ])('describes %s as people read it', (action, detail, expected) => {
    expect(describeActivity(action, detail)).toBe(expected);
  });
});
