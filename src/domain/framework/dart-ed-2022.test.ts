import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findReferenceProblems, frameworkDocumentSchema } from './framework-document.ts';
import type { Requirement } from './framework-document.ts';
import { indexFramework } from './framework-index.ts';
import { topicsOf } from './topics.ts';

// The canonical document is data transcribed from the report; these tests pin it to the report.
const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const doc = frameworkDocumentSchema.parse(raw);
const inTable = (table: string) => doc.requirements.filter((r) => r.source.table === table);
const byId = (id: string): Requirement => {
  const found = doc.requirements.find((r) => r.id === id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
};

describe('dart-ed-2022 framework document', () => {
  it('is valid and internally consistent', () => {
    expect(findReferenceProblems(doc)).toEqual([]);
    expect(doc.requirements).toHaveLength(242);
  });

  it.each([
    ['1', 30, 30, 0, 'foundational', null],
    ['2', 20, 16, 4, 'product-specific', null],
    ['A1', 33, 24, 9, 'advanced', 'shaper'],
    ['A2', 35, 27, 8, 'advanced', 'driver'],
    ['A4', 52, 29, 23, 'advanced', 'creator'],
    ['A5', 46, 24, 22, 'advanced', 'embedder'],
    ['A7', 26, 19, 7, 'advanced', 'user'],
  ])('Table %s has %i statements (%i knowledge, %i skill) in tier %s for %s', (table, total, knowledge, skill, tier, archetype) => {
    const items = inTable(table);
    expect(items).toHaveLength(total);
    expect(items.filter((r) => r.kind === 'knowledge')).toHaveLength(knowledge);
    expect(items.filter((r) => r.kind === 'skill')).toHaveLength(skill);
    expect(new Set(items.map((r) => r.tier))).toEqual(new Set([tier]));
    expect(new Set(items.map((r) => r.archetype))).toEqual(new Set([archetype]));
    expect(items.map((r) => r.source.item)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it.each([
    ['t1-01', 'Awareness of examples of AI applications and algorithms used in health and care'],
    ['t1-12', 'Familiarity with good practice for use of AI when no product-specific clinical guidelines exist (for example, applying the principles of Good Medical Practice or Good Scientific Practice)'],
    ['t1-25', 'Familiarity with the difference between autonomous AI and human-in-the-loop systems'],
    ['t1-26', 'Familiarly with the role and responsibilities of clinicians when using AI for CRDM'],
    ['t2-04', 'Understanding of the legal implications of either using or ignoring an AI-derived information in CRDM, including current uncertainty relating to liability for AI in CRDM'],
    ['t2-20', 'Capable of communicating the risks and limitations of the AI technology to guide the patient through decisions about their health'],
    ['a1-07', 'Capable of engaging with international colleagues to improve alignment of regulation and standards across markets and healthcare systems'],
    ['a1-17', 'Familiarity with f legal frameworks applying to the use of AI in clinical decision making (for example, negligence and product liability)'],
    ['a2-01', 'Familiarity with CE/UKCA marking and methods for obtaining certification'],
    ['a2-18', 'Capable of evaluating the strategic impact of AI technologies – including on patient care, financial and healthcare systems'],
    ['a4-27', 'Proficient in model bias assessment'],
    ['a4-50', 'from human errors in clinical reasoning and decision making (CRDM)'],
    ['a4-52', 'Understanding how CRDM context affects the tendency to automation, aversion, confirmation or rejection bias, and alert fatigue, regarding AI predictions'],
    ['a5-01', 'Familiarity with the data provenance, quality and structure requirements for developing AI models'],
    ['a5-46', 'Proficient at evaluating published AI performance metrics and evaluation data and communicating their real-world relevance to clinicians'],
    ['a7-01', 'Familiarity with the limitations of CE/UKCA marking, relating to performance and evaluation.'],
    ['a7-14', 'Understanding of how and why some clinicians may be under- or over-confident in information derived from AI technology'],
    ['a7-26', 'Proficient in counselling patients about the benefits and risks of AI technologies and their impact on shared clinical decision making'],
  ])('%s is printed verbatim', (id, statement) => {
    expect(byId(id).statement).toBe(statement);
  });

  it('keeps errata as notes beside the text, never as edits', () => {
    expect(byId('a4-20').statement).toContain('DCB 1060');
    expect(byId('a4-20').notes.join(' ')).toMatch(/DCB 0160/);
    expect(byId('a4-50').notes.join(' ')).toMatch(/truncated/);
  });

  it('has no footnote numbers glued to words and no PDF line breaks', () => {
    for (const r of doc.requirements) {
      expect(r.statement, r.id).not.toMatch(/[a-z]\d{1,2}\b/);
      expect(r.statement, r.id).not.toMatch(/\s{2,}|\n/);
      expect(r.statement, r.id).toBe(r.statement.trim());
    }
  });

  it('takes kind and level from the opening word', () => {
    const levelFromOpening: Array<[RegExp, string]> = [
      [/^Awareness\b/, 'awareness'],
      [/^Familiar(ity|ly)\b/, 'familiarity'],
      [/^Understanding\b/, 'understanding'],
      [/^Capab(le|ility)\b/, 'capability'],
      [/^Proficien(t|cy)\b/, 'proficiency'],
    ];
    for (const r of doc.requirements.filter((x) => x.id !== 'a4-50')) {
      const match = levelFromOpening.find(([pattern]) => pattern.test(r.statement));
      expect(match?.[1], `${r.id}: ${r.statement}`).toBe(r.level);
      expect(r.kind).toBe(['capability', 'proficiency'].includes(r.level) ? 'skill' : 'knowledge');
    }
  });

  it('has the question sets of Tables A3 (40) and A6 (25)', () => {
    const [a3, a6] = doc.questionSets;
    expect(a3?.archetype).toBe('driver');
    expect(a3?.questions).toHaveLength(40);
    expect(a6?.archetype).toBe('embedder');
    expect(a6?.questions).toHaveLength(25);
    expect(a3?.questions[0]?.text).toBe(
      'Is the AI technology a medical device according to UK regulation? If so, does it have appropriate UKCA/CE marking? What class of medical device has it been designated and is this appropriate?',
    );
    expect(a3?.questions[2]?.text).toBe('Is it compliant with NHS digital standards (for example, DCB 0129, DCB 0160)?');
  });

  it('Figure A1 agrees with the factors each archetype table covers', () => {
    const matrixFactors = doc.advancedMatrix.map((row) => row.factor);
    for (const archetype of doc.archetypes) {
      const fromMatrix = new Set(doc.advancedMatrix.filter((row) => row.archetypes.includes(archetype.id)).map((row) => row.factor));
      const fromTable = new Set(doc.requirements.filter((r) => r.archetype === archetype.id).map((r) => r.factor));
      expect(fromTable, archetype.id).toEqual(fromMatrix);
    }
    expect(matrixFactors).toHaveLength(12);
  });

  it('has the taxonomy learner statements of Figure 4', () => {
    expect(doc.taxonomy.knowledge.map((l) => l.id)).toEqual(['awareness', 'familiarity', 'understanding']);
    expect(doc.taxonomy.skill.map((l) => l.id)).toEqual(['capability', 'proficiency']);
    expect(doc.taxonomy.knowledge[0]?.statement).toBe('I am aware of this concept and its relevance to my healthcare practice');
  });

  it('has archetypes, personas and the AI MDT material', () => {
    expect(doc.archetypes.map((a) => a.id)).toEqual(['shaper', 'driver', 'creator', 'embedder', 'user']);
    expect(doc.archetypes[0]?.purpose).toBe('Set the direction for AI policy and governance at a national level');
    expect(doc.personas.length).toBeGreaterThanOrEqual(10);
    expect(doc.mdt?.responsibilities).toHaveLength(10);
    expect(doc.mdt?.caseStudy.roles.find((r) => r.role.startsWith('Clinical specialist'))?.archetypes).toEqual(['creator', 'user']);
  });
});

describe('dart-ed-2022 topics (version 1.1.0)', () => {
  const topics = doc.topics ?? [];
  const topicById = new Map(topics.map((t) => [t.id, t]));
  const grouped = topicsOf(indexFramework(doc));
  /** Distinct topics and statements a person rates for the requirements that apply to them. */
  const ratings = (applies: (r: Requirement) => boolean) => {
    const statements = doc.requirements.filter(applies);
    return { topics: new Set(statements.map((r) => r.topic)).size, statements: statements.length };
  };

  it('is version 1.1.0 and says what 1.1.0 added', () => {
    expect(doc.version).toBe('1.1.0');
    expect(doc.source.notes.some((n) => n.startsWith('Version 1.1.0 adds topics'))).toBe(true);
  });

  it('puts every requirement in exactly one declared topic of its own kind', () => {
    expect(topics.length).toBeGreaterThan(0);
    expect(grouped.every((t) => !t.isImplicit)).toBe(true);
    expect(grouped.flatMap((t) => t.requirements.map((r) => r.id)).sort()).toEqual(doc.requirements.map((r) => r.id).sort());
    for (const r of doc.requirements) {
      expect(r.topic, r.id).toBeDefined();
      expect(topicById.get(r.topic ?? '')?.kind, r.id).toBe(r.kind);
    }
  });

  it('lets only skill topics rest on knowledge topics', () => {
    for (const t of topics.filter((x) => x.restsOn !== null)) {
      expect(t.kind, t.id).toBe('skill');
      expect(topicById.get(t.restsOn ?? '')?.kind, t.id).toBe('knowledge');
    }
    expect(topics.filter((t) => t.restsOn !== null).length).toBeGreaterThan(30);
  });

  it('gives each topic the factor most of its statements sit under, and a short label', () => {
    for (const t of grouped) {
      const counts = new Map<string, number>();
      for (const r of t.requirements) counts.set(r.factor, (counts.get(r.factor) ?? 0) + 1);
      expect(counts.get(t.factor) ?? 0, t.id).toBe(Math.max(...counts.values()));
      expect(t.label.length, t.id).toBeLessThanOrEqual(90);
    }
  });

  it('rates the limitations of CE/UKCA marking once, at the levels the report gives each archetype', () => {
    const topic = grouped.find((t) => t.requirements.some((r) => r.id === 'a1-06'));
    expect(topic).toMatchObject({ id: 'ce-ukca-limitations', kind: 'knowledge', label: 'Limitations of CE/UKCA marking for AI products', factor: 'regulation-and-standards' });
    expect(topic?.requirements.map((r) => [r.archetype, r.level])).toEqual([
      ['shaper', 'understanding'],
      ['driver', 'familiarity'],
      ['creator', 'understanding'],
      ['embedder', 'understanding'],
      ['user', 'familiarity'],
    ]);
  });

  it.each([
    ['a1-04', ['t1-05', 'a1-04', 'a2-01']],
    ['a5-16', ['a1-12', 'a2-13', 'a4-21', 'a5-16', 'a7-02']],
    ['a5-20', ['a4-26', 'a5-20']],
    ['t1-08', ['t1-08', 't1-09', 'a1-08', 'a2-08', 'a4-07']],
    ['t1-11', ['t1-11', 't2-01', 'a7-07']],
  ])('groups %s with the same subject in other tables', (id, members) => {
    expect(grouped.find((t) => t.requirements.some((r) => r.id === id))?.requirements.map((r) => r.id)).toEqual(members);
  });

  it.each([
    ['all topics', () => true, 121, 242],
    ['foundational and all five archetypes’ advanced', (r: Requirement) => r.tier !== 'product-specific', 112, 222],
    ['foundational and advanced User', (r: Requirement) => r.tier === 'foundational' || r.archetype === 'user', 45, 56],
    ['foundational only', (r: Requirement) => r.tier === 'foundational', 28, 30],
  ])('asks fewer questions than statements: %s', (_name, applies, topicCount, statementCount) => {
    expect(ratings(applies)).toEqual({ topics: topicCount, statements: statementCount });
  });

  it('has 74 knowledge and 47 skill topics', () => {
    expect(topics.filter((t) => t.kind === 'knowledge')).toHaveLength(74);
    expect(topics.filter((t) => t.kind === 'skill')).toHaveLength(47);
  });
});
