import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../../domain/framework/framework-document.ts';
import { DEMO_ORGANISATIONS, DEMO_PEOPLE } from './demo-dataset.ts';
import { DEMO_TEAMS } from './demo-team-data.ts';

const doc = frameworkDocumentSchema.parse(JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8')));
const personByKey = new Map(DEMO_PEOPLE.map((p) => [p.key, p]));
const box5 = doc.mdt?.caseStudy.roles ?? [];
const responsibilityCount = doc.mdt?.responsibilities.length ?? 0;

describe('demo AI MDTs', () => {
  it('places each team in a demo organisation, with one lead and demo people only once', () => {
    for (const team of DEMO_TEAMS) {
      expect(DEMO_ORGANISATIONS.some((o) => o.key === team.organisation), team.name).toBe(true);
      expect(team.members.filter((m) => m.lead)).toHaveLength(1);
      const keys = team.members.map((m) => m.person);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(personByKey.has(key), key).toBe(true);
    }
  });

  it('has members play only archetypes on their own profile, and every non-representative play one', () => {
    for (const team of DEMO_TEAMS) {
      for (const m of team.members) {
        const profile = personByKey.get(m.person)?.archetypes ?? [];
        for (const a of m.archetypes) expect(profile, `${m.person} plays ${a}`).toContain(a);
        expect(m.archetypes.length > 0 || m.patientRepresentative === true, m.person).toBe(true);
      }
    }
  });

  it('gives the tri-X team all eight Box 5 roles with Box 5’s archetypes', () => {
    const triX = DEMO_TEAMS.find((t) => t.name === 'tri-X AI MDT');
    expect(box5).toHaveLength(8);
    for (const role of box5) {
      const holder = triX?.members.find((m) => personByKey.get(m.person)?.source.kind === 'box-5' && (personByKey.get(m.person)?.source as { role: string }).role === role.role);
      expect(holder, role.role).toBeDefined();
      expect([...(holder?.archetypes ?? [])].sort()).toEqual([...role.archetypes].sort());
    }
  });

  it('assigns only Box 4 responsibilities that exist', () => {
    expect(responsibilityCount).toBe(10);
    for (const team of DEMO_TEAMS) for (const m of team.members) for (const r of m.responsibilities ?? []) expect(r >= 0 && r < responsibilityCount, `${m.person}: ${r}`).toBe(true);
  });
});
