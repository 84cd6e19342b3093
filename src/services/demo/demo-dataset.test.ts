import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../../domain/framework/framework-document.ts';
import { canSitUnder } from '../../domain/people/organisation-kinds.ts';
import type { OrganisationKind } from '../../domain/people/organisation-kinds.ts';
import { DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN, DEMO_MARKER_EMAIL, DEMO_ORGANISATIONS, DEMO_PEOPLE, DEMO_SUPERVISIONS, demoEmail, personaTitle } from './demo-dataset.ts';
import type { DemoPerson } from './demo-dataset.ts';

// The demo mirrors the report as transcribed in the framework document, so it is checked against it.
const doc = frameworkDocumentSchema.parse(JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8')));
const organisationByKey = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o]));
const personByKey = new Map(DEMO_PEOPLE.map((p) => [p.key, p]));
const sorted = (values: readonly string[]) => [...values].sort();

/** The organisation and its ancestors, nearest first. */
function ancestry(key: string): string[] {
  const chain: string[] = [];
  for (let o = organisationByKey.get(key); o; o = o.parent ? organisationByKey.get(o.parent) : undefined) chain.push(o.key);
  return chain;
}

describe('demo dataset', () => {
  it('builds a tree the hub allows, parents first, names unique under each parent', () => {
    const seen = new Set<string>();
    for (const o of DEMO_ORGANISATIONS) {
      const parentKind: OrganisationKind | null = o.parent === null ? null : (organisationByKey.get(o.parent)?.kind ?? 'team');
      expect(o.parent === null || seen.has(o.parent), `${o.key}'s parent comes first`).toBe(true);
      expect(canSitUnder(o.kind, parentKind), `${o.kind} under ${parentKind}`).toBe(true);
      seen.add(o.key);
    }
    expect(new Set(DEMO_ORGANISATIONS.map((o) => `${o.parent}/${o.name}`)).size).toBe(DEMO_ORGANISATIONS.length);
  });

  it('holds the report’s fictional organisations', () => {
    const names = DEMO_ORGANISATIONS.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['NHS England', 'Nymouth ICS', 'Linchester ICS', 'Holpot Hill GP practice']));
  });

  it('places every person in a demo organisation, with unique addresses on the demo domain', () => {
    for (const p of DEMO_PEOPLE) expect(organisationByKey.has(p.organisation), p.key).toBe(true);
    const emails = DEMO_PEOPLE.map((p) => demoEmail(p.key));
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(new RegExp(`^[a-z.]+@${DEMO_EMAIL_DOMAIN.replaceAll('.', '\\.')}$`));
    expect(emails).toContain(DEMO_MARKER_EMAIL);
    expect(DEMO_ACCOUNTS.map((a) => a.email)).toEqual(emails);
  });

  it('uses only archetypes the framework defines', () => {
    const known = new Set(doc.archetypes.map((a) => a.id));
    for (const p of DEMO_PEOPLE) for (const a of p.archetypes) expect(known.has(a), `${p.key}: ${a}`).toBe(true);
  });

  it('represents every section 3.5 persona once, with the report’s archetypes and title', () => {
    const asPersona = DEMO_PEOPLE.flatMap((p) => (p.source.kind === 'persona' ? [[p.source.id, p] as const] : []));
    expect(sorted(asPersona.map(([id]) => id))).toEqual(sorted(doc.personas.map((p) => p.id)));
    for (const [id, person] of asPersona) {
      const persona = doc.personas.find((p) => p.id === id);
      expect(sorted(person.archetypes), id).toEqual(sorted(persona?.archetypes ?? []));
      expect(personaTitle(id)).toBe(persona?.title);
    }
  });

  it('gives Box 2 and Box 5 roles the archetypes the report gives them', () => {
    const box5 = doc.mdt?.caseStudy.roles ?? [];
    const box2 = doc.caseStudy?.roles ?? [];
    for (const p of DEMO_PEOPLE) {
      const { source } = p;
      if (source.kind === 'box-5') expect(sorted(p.archetypes), source.role).toEqual(sorted(box5.find((r) => r.role === source.role)?.archetypes ?? ['missing']));
      if (source.kind === 'box-2') {
        const role = box2.find((r) => r.role === source.role && r.organisation === source.organisation);
        expect(sorted(p.archetypes), source.role).toEqual(sorted(role?.archetypes ?? ['missing']));
      }
    }
  });

  it('places the personas the report ties to Nymouth, Linchester and Holpot Hill there', () => {
    const ics = (p: DemoPerson) => ancestry(p.organisation).find((key) => organisationByKey.get(key)?.kind === 'integrated-care-system');
    for (const p of DEMO_PEOPLE) {
      if (p.source.kind !== 'persona') continue;
      const role = doc.personas.find((d) => d.id === (p.source as { id: string }).id)?.role ?? '';
      if (/Nymouth/.test(role)) expect(ics(p), p.key).toBe('nymouth-ics');
      if (/Linchester/.test(role)) expect(ics(p), p.key).toBe('linchester-ics');
      if (/Holpot Hill/.test(role)) expect(p.organisation).toBe('holpot-hill');
    }
  });

  it('makes a walkable demo: a platform admin, an admin per ICS, educators, supervisors and learners', () => {
    const withRole = (role: string) => DEMO_PEOPLE.filter((p) => (p.roles as string[]).includes(role));
    expect(withRole('platform-admin')).toHaveLength(1);
    expect(withRole('educator').length).toBeGreaterThan(0);
    const adminIcs = withRole('organisation-admin').map((p) => ancestry(p.organisation).find((k) => organisationByKey.get(k)?.kind === 'integrated-care-system'));
    expect(sorted(adminIcs.filter((k): k is string => k !== undefined))).toEqual(['linchester-ics', 'nymouth-ics']);
    expect(DEMO_PEOPLE.filter((p) => p.roles.length === 1 && p.roles[0] === 'learner').length).toBeGreaterThan(5);
  });

  it('has supervisors with the supervisor role, each supervising several people in their own ICS', () => {
    const icsOf = (key: string) => ancestry(personByKey.get(key)?.organisation ?? '').find((k) => organisationByKey.get(k)?.kind === 'integrated-care-system');
    for (const s of DEMO_SUPERVISIONS) {
      expect(personByKey.get(s.supervisor)?.roles, s.supervisor).toContain('supervisor');
      expect(personByKey.get(s.assignedBy)?.roles, s.assignedBy).toContain('organisation-admin');
      expect(personByKey.has(s.learner), s.learner).toBe(true);
      expect(s.learner).not.toBe(s.supervisor);
      expect(icsOf(s.learner), `${s.supervisor} → ${s.learner}`).toBe(icsOf(s.supervisor));
      expect(icsOf(s.assignedBy)).toBe(icsOf(s.learner));
    }
    const counts = DEMO_SUPERVISIONS.map((s) => DEMO_SUPERVISIONS.filter((t) => t.supervisor === s.supervisor).length);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(3);
    expect(new Set(DEMO_SUPERVISIONS.map((s) => `${s.supervisor}>${s.learner}`)).size).toBe(DEMO_SUPERVISIONS.length);
  });

  it.each([
    ['driver-1', 'Driver Persona 1'],
    ['user-3', 'User Persona 3'],
  ])('titles persona %s as %s', (id, title) => {
    expect(personaTitle(id)).toBe(title);
  });

  it('gives demo organisations made-up ODS codes, each starting ZZ and unique', () => {
    const codes = DEMO_ORGANISATIONS.flatMap((o) => (o.odsCode ? [o.odsCode] : []));
    expect(codes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^ZZ[A-Z0-9]{1,8}$/);
    for (const key of ['linchester-trust', 'nymouth-trust', 'holpot-hill']) expect(organisationByKey.get(key)?.odsCode).toBeDefined();
  });
});
