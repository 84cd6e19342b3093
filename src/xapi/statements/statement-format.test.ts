import { describe, expect, it } from 'vitest';
import { sameStatement } from './statement-equivalence.ts';
import { acceptedLanguages, canonicalFormat, idsFormat, mergeDefinition } from './statement-format.ts';
import { indexStatement } from './statement-terms.ts';

const statement = {
  id: 'a0000000-0000-4000-8000-000000000001',
  actor: { objectType: 'Group', name: 'Team', member: [{ name: 'Ada', mbox: 'mailto:ada@example.org' }, { mbox: 'mailto:bob@example.org' }] },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-GB': 'completed', 'de-DE': 'abgeschlossen' } },
  object: { objectType: 'Activity', id: 'http://x.test/a', definition: { name: { 'en-GB': 'Course', 'de-DE': 'Kurs' } } },
  context: { instructor: { mbox: 'mailto:tutor@example.org' }, contextActivities: { parent: [{ id: 'http://x.test/p' }] } },
};

describe('statement terms, formats and equivalence (9274.1.1 §4.1.6.1, §4.2)', () => {
  it('indexes group members as the actor and context agents and activities as related only', () => {
    const terms = indexStatement(statement).terms;
    expect(terms).toContainEqual({ kind: 'agent', value: 'mbox:mailto:ada@example.org', narrow: true });
    expect(terms).toContainEqual({ kind: 'agent', value: 'mbox:mailto:tutor@example.org', narrow: false });
    expect(terms).toContainEqual({ kind: 'activity', value: 'http://x.test/a', narrow: true });
    expect(terms).toContainEqual({ kind: 'activity', value: 'http://x.test/p', narrow: false });
  });

  it('XAPI-00171: format=ids keeps identifiers only, anonymous groups by their members', () => {
    const ids = idsFormat(statement);
    expect(ids.verb).toEqual({ id: statement.verb.id });
    expect(ids.object).toEqual({ id: 'http://x.test/a' });
    expect(ids.actor).toEqual({ objectType: 'Group', member: [{ mbox: 'mailto:ada@example.org' }, { mbox: 'mailto:bob@example.org' }] });
  });

  it('XAPI-00169/00170: format=canonical keeps one language per map, the one Accept-Language prefers', () => {
    const languages = acceptedLanguages('de;q=0.9, fr, *;q=0.1');
    expect(languages).toEqual(['fr', 'de']);
    const canonical = canonicalFormat(statement, new Map(), languages);
    expect((canonical.verb as { display: unknown }).display).toEqual({ 'de-DE': 'abgeschlossen' });
    expect(canonical.object).toMatchObject({ definition: { name: { 'de-DE': 'Kurs' } } });
    expect((canonicalFormat(statement, new Map(), []).verb as { display: unknown }).display).toEqual({ 'en-GB': 'completed' });
  });

  it('merges activity definitions per language and extension, newest wins otherwise', () => {
    const merged = mergeDefinition({ name: { 'en-GB': 'Old' }, type: 'http://t/1' }, { name: { 'de-DE': 'Neu' }, type: 'http://t/2' });
    expect(merged).toEqual({ name: { 'en-GB': 'Old', 'de-DE': 'Neu' }, type: 'http://t/2' });
  });

  it('XAPI-00142: the same statement ignores stored, authority, version, timestamp, member order, verb display, definitions and case', () => {
    const same = {
      ...statement,
      stored: '2026-01-01T00:00:00Z',
      authority: { mbox: 'mailto:x@example.org' },
      version: '2.0.0',
      actor: { ...statement.actor, name: 'TEAM', member: [...statement.actor.member].reverse() },
      verb: { id: statement.verb.id },
      object: { objectType: 'Activity', id: 'http://x.test/a' },
    };
    expect(sameStatement(statement, same)).toBe(true);
    expect(sameStatement({ ...statement, result: { duration: 'PT1.001S' } }, { ...statement, result: { duration: 'PT1.00S' } })).toBe(true);
    expect(sameStatement(statement, { ...statement, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } })).toBe(false);
    expect(sameStatement({ ...statement, result: { duration: 'PT1S' } }, { ...statement, result: { duration: 'PT2S' } })).toBe(false);
  });
});
