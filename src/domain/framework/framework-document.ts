import { z } from 'zod';

/**
 * The canonical framework document (`frameworks/*.json`): the report's archetypes, factors,
 * taxonomy, requirements and questions as data. Validated on load; the export format `json`
 * is exactly this shape.
 */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9, -)');

export const TIERS = ['foundational', 'advanced', 'product-specific'] as const;
export const KINDS = ['knowledge', 'skill'] as const;

export type Tier = (typeof TIERS)[number];
export type Kind = (typeof KINDS)[number];

const sourceRef = z.object({
  table: z.string().min(1),
  item: z.number().int().positive(),
});

/** A bullet as printed; a few bullets in the report carry their own sub-list. */
export const bulletSchema = z.union([
  z.string().min(1),
  z.object({ text: z.string().min(1), items: z.array(z.string().min(1)).min(1) }),
]);
export type Bullet = z.infer<typeof bulletSchema>;

export const taxonomyLevelSchema = z.object({
  id: slug,
  label: z.string().min(1),
  rank: z.number().int().positive(),
  statement: z.string().min(1),
});

export const factorSchema = z.object({
  id: slug,
  label: z.string().min(1),
  parent: slug.nullable(),
  description: z.string().optional(),
});

export const archetypeSchema = z.object({
  id: slug,
  label: z.string().min(1),
  purpose: z.string().min(1),
  responsibilities: z.array(z.string().min(1)),
  examples: z.array(z.string().min(1)),
  /** Box 3: guiding principles and enabling factors for the archetype's advanced education. */
  principles: z.array(bulletSchema),
});

export const requirementSchema = z.object({
  id: slug,
  tier: z.enum(TIERS),
  archetype: slug.nullable(),
  factor: slug,
  kind: z.enum(KINDS),
  level: slug,
  /** The topic the statement is rated under; required once a document defines topics. */
  topic: slug.optional(),
  statement: z.string().min(1),
  source: sourceRef,
  notes: z.array(z.string().min(1)),
});

/**
 * A subject a person rates once on one scale, grouping the statements about it from every table
 * (the same subject recurs at different levels per tier and archetype). A skill topic may rest on
 * the knowledge topic it needs (R1: proficiency implies understanding of the subject).
 */
export const topicSchema = z.object({
  id: slug,
  kind: z.enum(KINDS),
  label: z.string().min(1),
  /** The factor most of the topic's statements sit under. */
  factor: slug,
  restsOn: slug.nullable(),
});

export const questionSchema = z.object({
  id: slug,
  factor: slug,
  text: z.string().min(1),
  source: sourceRef,
});

export const questionSetSchema = z.object({
  id: slug,
  title: z.string().min(1),
  archetype: slug,
  source: z.object({ table: z.string().min(1) }),
  questions: z.array(questionSchema).min(1),
});

export const personaSchema = z.object({
  id: slug,
  title: z.string().min(1),
  role: z.string().min(1),
  archetypes: z.array(slug).min(1),
  responsibilities: z.string().min(1),
  educationJourney: z.array(z.string().min(1)),
});

const caseStudyRoleSchema = z.object({
  role: z.string().min(1),
  organisation: z.string().nullable().optional(),
  archetypes: z.array(slug),
  responsibilities: z.array(bulletSchema),
});

export const frameworkDocumentSchema = z.object({
  id: slug,
  version: z.string().regex(/^[0-9A-Za-z.+-]+$/, 'must be a version label such as 1.0.0'),
  title: z.string().min(1),
  description: z.string().min(1),
  source: z.object({
    title: z.string().min(1),
    publishers: z.array(z.string().min(1)).min(1),
    year: z.number().int(),
    creditLine: z.string().optional(),
    notes: z.array(z.string()).default([]),
  }),
  taxonomy: z.object({
    knowledge: z.array(taxonomyLevelSchema).min(1),
    skill: z.array(taxonomyLevelSchema).min(1),
    knowledgeIntro: z.string().optional(),
    knowledgeDescription: z.string().optional(),
    skillIntro: z.string().optional(),
    skillDescription: z.string().optional(),
  }),
  factors: z.array(factorSchema).min(1),
  archetypes: z.array(archetypeSchema),
  requirements: z.array(requirementSchema).min(1),
  // Optional without a default on purpose: a document without topics must parse (and so hash)
  // exactly as it did before topics existed, or re-importing an already-loaded version is refused.
  topics: z.array(topicSchema).optional(),
  questionSets: z.array(questionSetSchema),
  advancedMatrix: z.array(z.object({ factor: slug, archetypes: z.array(slug) })),
  advancedMatrixNotes: z.array(z.string()).default([]),
  personas: z.array(personaSchema),
  /** Box 2: the fictional tri-X case study, one role block per archetype. */
  caseStudy: z
    .object({
      title: z.string().min(1),
      intro: z.array(z.string()),
      summary: z.string(),
      roles: z.array(caseStudyRoleSchema),
    })
    .optional(),
  mdt: z
    .object({
      responsibilitiesIntro: z.string(),
      responsibilities: z.array(z.string().min(1)),
      caseStudy: z.object({
        title: z.string().min(1),
        summary: z.string(),
        context: z.array(z.string()),
        roles: z.array(caseStudyRoleSchema),
      }),
    })
    .optional(),
});

export type FrameworkDocument = z.infer<typeof frameworkDocumentSchema>;
export type Requirement = z.infer<typeof requirementSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Archetype = z.infer<typeof archetypeSchema>;
export type Factor = z.infer<typeof factorSchema>;
export type TaxonomyLevel = z.infer<typeof taxonomyLevelSchema>;
export type QuestionSet = z.infer<typeof questionSetSchema>;
export type Persona = z.infer<typeof personaSchema>;

/**
 * Cross-reference checks zod cannot express: every id a requirement, question, matrix row or
 * persona names must exist, ids must be unique, and levels must belong to the requirement's kind.
 * Once a document has topics, every requirement belongs to one of its kind (see findTopicProblems).
 * Returns readable problems; an empty list means the document is consistent.
 */
export function findReferenceProblems(doc: FrameworkDocument): string[] {
  const problems: string[] = [];
  const factorIds = new Set(doc.factors.map((f) => f.id));
  const archetypeIds = new Set(doc.archetypes.map((a) => a.id));
  const levelsByKind: Record<Kind, Set<string>> = {
    knowledge: new Set(doc.taxonomy.knowledge.map((l) => l.id)),
    skill: new Set(doc.taxonomy.skill.map((l) => l.id)),
  };

  for (const f of doc.factors) {
    if (f.parent !== null && !factorIds.has(f.parent)) problems.push(`factor ${f.id}: unknown parent ${f.parent}`);
  }
  reportDuplicates('factor', doc.factors.map((f) => f.id), problems);
  reportDuplicates('archetype', doc.archetypes.map((a) => a.id), problems);
  reportDuplicates('requirement', doc.requirements.map((r) => r.id), problems);
  reportDuplicates(
    'question',
    doc.questionSets.flatMap((s) => s.questions.map((q) => q.id)),
    problems,
  );

  for (const r of doc.requirements) {
    if (!factorIds.has(r.factor)) problems.push(`requirement ${r.id}: unknown factor ${r.factor}`);
    if (!levelsByKind[r.kind].has(r.level)) problems.push(`requirement ${r.id}: level ${r.level} is not a ${r.kind} level`);
    if (r.tier === 'advanced' && (r.archetype === null || !archetypeIds.has(r.archetype))) {
      problems.push(`requirement ${r.id}: advanced requirements need a known archetype`);
    }
    if (r.tier !== 'advanced' && r.archetype !== null) {
      problems.push(`requirement ${r.id}: only advanced requirements belong to an archetype`);
    }
  }
  for (const set of doc.questionSets) {
    if (!archetypeIds.has(set.archetype)) problems.push(`question set ${set.id}: unknown archetype ${set.archetype}`);
    for (const q of set.questions) {
      if (!factorIds.has(q.factor)) problems.push(`question ${q.id}: unknown factor ${q.factor}`);
    }
  }
  for (const row of doc.advancedMatrix) {
    if (!factorIds.has(row.factor)) problems.push(`advanced matrix: unknown factor ${row.factor}`);
    for (const a of row.archetypes) if (!archetypeIds.has(a)) problems.push(`advanced matrix: unknown archetype ${a}`);
  }
  for (const p of doc.personas) {
    for (const a of p.archetypes) if (!archetypeIds.has(a)) problems.push(`persona ${p.id}: unknown archetype ${a}`);
  }
  problems.push(...findTopicProblems(doc, factorIds));
  return problems;
}

function findTopicProblems(doc: FrameworkDocument, factorIds: ReadonlySet<string>): string[] {
  const topics = doc.topics ?? [];
  const problems: string[] = [];
  if (topics.length === 0) {
    for (const r of doc.requirements) {
      if (r.topic !== undefined) problems.push(`requirement ${r.id}: names topic ${r.topic} but the document has no topics`);
    }
    return problems;
  }
  reportDuplicates('topic', topics.map((t) => t.id), problems);
  const topicById = new Map(topics.map((t) => [t.id, t]));
  for (const r of doc.requirements) {
    const topic = r.topic === undefined ? undefined : topicById.get(r.topic);
    if (!topic) {
      problems.push(r.topic === undefined ? `requirement ${r.id}: needs a topic` : `requirement ${r.id}: unknown topic ${r.topic}`);
      continue;
    }
    if (topic.kind !== r.kind) problems.push(`requirement ${r.id}: is ${r.kind} but its topic ${topic.id} is ${topic.kind}`);
  }
  for (const t of topics) {
    if (!factorIds.has(t.factor)) problems.push(`topic ${t.id}: unknown factor ${t.factor}`);
    if (t.restsOn === null) continue;
    if (t.kind !== 'skill') problems.push(`topic ${t.id}: only a skill topic rests on a knowledge topic`);
    if (topicById.get(t.restsOn)?.kind !== 'knowledge') problems.push(`topic ${t.id}: rests on ${t.restsOn}, which is not a knowledge topic`);
  }
  return problems;
}

function reportDuplicates(what: string, ids: string[], problems: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`${what} id ${id} appears more than once`);
    seen.add(id);
  }
}
