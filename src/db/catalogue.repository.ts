import { and, asc, count, desc, eq, exists, ilike, inArray, lte, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import {
  advancedFocus,
  journeyItems,
  journeys,
  learningResourceOutcomes,
  learningResourcePrerequisites,
  learningResourceRevisions,
  learningResources,
  organisationClosure,
  organisations,
  people,
  profiles,
  topicRatings,
} from './schema.ts';
import type { RESOURCE_FORMATS, RESOURCE_STATUSES } from './tables/catalogue.ts';

export type ResourceRow = typeof learningResources.$inferSelect;
export type NewResource = typeof learningResources.$inferInsert;
export type ResourceRevisionRow = typeof learningResourceRevisions.$inferSelect;
type Status = (typeof RESOURCE_STATUSES)[number];

export interface ResourceLinks {
  outcomes: ReadonlyArray<{ topicId: string; level: string }>;
  prerequisiteIds: readonly string[];
}

/** A resource with its owner's name, outcomes (by topic id) and prerequisite ids. */
export interface ResourceRecord extends ResourceRow {
  organisationName: string;
  outcomes: Array<{ topicId: string; level: string }>;
  prerequisiteIds: string[];
}

export interface ResourceQuery {
  frameworkId: string;
  /** Every word must appear in the title, provider or description (case-insensitive). */
  text?: string | undefined;
  /** Resources with an outcome on any of these topics. */
  topicIds?: readonly string[] | undefined;
  /** Written for this archetype, or for everyone (no audience given). */
  archetype?: string | undefined;
  formats?: ReadonlyArray<(typeof RESOURCE_FORMATS)[number]> | undefined;
  freeOnly?: boolean | undefined;
  vendorNeutralOnly?: boolean | undefined;
  accreditedOnly?: boolean | undefined;
  maxMinutes?: number | undefined;
  /** Published resources, whoever owns them. */
  includePublished: boolean;
  /** Other statuses, only of resources owned in this subtree (a null root: every organisation). */
  curated?: { statuses: readonly Status[]; rootOrganisationId: string | null } | undefined;
  limit: number;
  offset: number;
}

/** A published resource as the journey planner needs it. */
export interface PlanningResource {
  id: string;
  organisationId: string;
  title: string;
  provider: string;
  url: string;
  format: ResourceRow['format'];
  durationMinutes: number;
  costPence: number;
  cpdAccredited: boolean;
  vendorNeutral: boolean;
  audienceArchetypes: string[];
  sample: boolean;
  version: number;
  outcomes: Array<{ topicId: string; level: string }>;
  /** May name resources that are no longer published: the planner treats those as missing. */
  prerequisiteIds: string[];
}

export interface RevisionRecord extends ResourceRevisionRow {
  changedByName: string;
}

/** What the curation-gap report needs to know about each person in scope. */
export interface LearnerProfileFacts {
  personId: string;
  archetypes: string[];
  clinicalDecisionMaking: boolean;
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The organisation and everything beneath it, as a subquery of ids (one index read of the closure table). */
const subtreeOf = (rootId: string) =>
  sql`(select ${organisationClosure.descendantId} from ${organisationClosure} where ${organisationClosure.ancestorId} = ${rootId})`;

/** People in these organisations, as a subquery of ids. */
const peopleIn = (db: Database, organisationIds: readonly string[]) => db.select({ id: people.id }).from(people).where(inArray(people.organisationId, [...organisationIds]));

function visibility(query: ResourceQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (query.includePublished) parts.push(eq(learningResources.status, 'published'));
  const curated = query.curated;
  if (curated && curated.statuses.length > 0) {
    const statuses = inArray(learningResources.status, [...curated.statuses]);
    parts.push(curated.rootOrganisationId === null ? statuses : and(statuses, sql`${learningResources.organisationId} in ${subtreeOf(curated.rootOrganisationId)}`)!);
  }
  // Nothing visible: match nothing rather than everything.
  return parts.length === 0 ? sql`false` : or(...parts);
}

function conditions(db: Database, query: ResourceQuery): SQL | undefined {
  const where: Array<SQL | undefined> = [eq(learningResources.frameworkId, query.frameworkId), visibility(query)];
  for (const word of (query.text ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word);
    where.push(or(ilike(learningResources.title, pattern), ilike(learningResources.provider, pattern), ilike(learningResources.description, pattern)));
  }
  if (query.topicIds) {
    const onTopic = db
      .select({ one: sql`1` })
      .from(learningResourceOutcomes)
      .where(and(eq(learningResourceOutcomes.resourceId, learningResources.id), inArray(learningResourceOutcomes.topicId, [...query.topicIds])));
    where.push(query.topicIds.length === 0 ? sql`false` : exists(onTopic));
  }
  if (query.archetype) {
    where.push(or(sql`${query.archetype} = any(${learningResources.audienceArchetypes})`, sql`cardinality(${learningResources.audienceArchetypes}) = 0`));
  }
  if (query.formats && query.formats.length > 0) where.push(inArray(learningResources.format, [...query.formats]));
  if (query.freeOnly) where.push(eq(learningResources.costPence, 0));
  if (query.vendorNeutralOnly) where.push(eq(learningResources.vendorNeutral, true));
  if (query.accreditedOnly) where.push(eq(learningResources.cpdAccredited, true));
  if (query.maxMinutes !== undefined) where.push(lte(learningResources.durationMinutes, query.maxMinutes));
  return and(...where);
}

/**
 * Every published resource of the framework with its outcomes and prerequisites, in one query.
 * Links come aggregated per resource as `topic:level;…` and `id;…` text, which is cheaper for both
 * databases and drivers than JSON or correlated subqueries; topic and level ids are slugs, so the
 * separators are safe. Frozen, because the result is shared from the cache.
 */
async function readPublishedForPlanning(frameworkId: string, tx: Database): Promise<readonly PlanningResource[]> {
  const r = learningResources;
  const o = learningResourceOutcomes;
  const p = learningResourcePrerequisites;
  const result = await tx.execute<Record<string, unknown>>(sql`
    select ${r.id} as id, ${r.organisationId} as organisation_id, ${r.title} as title, ${r.provider} as provider, ${r.url} as url,
      ${r.format} as format, ${r.durationMinutes} as duration_minutes, ${r.costPence} as cost_pence, ${r.cpdAccredited} as cpd_accredited,
      ${r.vendorNeutral} as vendor_neutral, array_to_string(${r.audienceArchetypes}, ';') as audience, ${r.sample} as sample, ${r.version} as version,
      outcomes.links as outcomes, prerequisites.links as prerequisites
    from ${r}
    left join (
      select ${o.resourceId} as resource_id, string_agg(${o.topicId} || ':' || ${o.level}, ';' order by ${o.topicId}) as links from ${o} group by ${o.resourceId}
    ) outcomes on outcomes.resource_id = ${r.id}
    left join (
      select ${p.resourceId} as resource_id, string_agg(${p.prerequisiteId}::text, ';' order by ${p.prerequisiteId}) as links from ${p} group by ${p.resourceId}
    ) prerequisites on prerequisites.resource_id = ${r.id}
    where ${r.frameworkId} = ${frameworkId} and ${r.status} = 'published'
    order by ${r.id}`);
  const split = (value: unknown) => (typeof value === 'string' && value !== '' ? value.split(';') : []);
  const rows = (result as unknown as { rows: Array<Record<string, unknown>> }).rows.map((row): PlanningResource => ({
    id: String(row.id),
    organisationId: String(row.organisation_id),
    title: String(row.title),
    provider: String(row.provider),
    url: String(row.url),
    format: row.format as ResourceRow['format'],
    durationMinutes: Number(row.duration_minutes),
    costPence: Number(row.cost_pence),
    cpdAccredited: row.cpd_accredited === true,
    vendorNeutral: row.vendor_neutral === true,
    audienceArchetypes: Object.freeze(split(row.audience)) as string[],
    sample: row.sample === true,
    version: Number(row.version),
    outcomes: Object.freeze(
      split(row.outcomes).map((link) => {
        const [topicId = '', level = ''] = link.split(':');
        return Object.freeze({ topicId, level });
      }),
    ) as PlanningResource['outcomes'],
    prerequisiteIds: Object.freeze(split(row.prerequisites)) as string[],
  }));
  return Object.freeze(rows.map((row) => Object.freeze(row)));
}

/**
 * Changes whenever a resource of the framework is added or changed: every change stamps
 * `updated_at` and counts in `version`, and links only change with their resource.
 */
async function catalogueFingerprint(frameworkId: string, tx: Database): Promise<string> {
  const [row] = await tx
    .select({ n: count(), latest: sql<string>`coalesce(max(${learningResources.updatedAt})::text, '')`, versions: sql<string>`coalesce(sum(${learningResources.version}), 0)::text` })
    .from(learningResources)
    .where(eq(learningResources.frameworkId, frameworkId));
  return `${row?.n ?? 0}|${row?.latest ?? ''}|${row?.versions ?? ''}`;
}

export function createCatalogueRepository(db: Database) {
  // The planner reads the whole published catalogue for every plan; reading 20,000 rows costs far
  // more than checking they have not changed, so the last read is kept per framework.
  const planningCache = new Map<string, { fingerprint: string; resources: readonly PlanningResource[] }>();

  /** Rows with their outcomes and prerequisites: two more queries, whatever the number of rows. */
  async function withLinks(rows: Array<{ resource: ResourceRow; organisationName: string }>, tx: Database): Promise<ResourceRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.resource.id);
    const [outcomes, prerequisites] = await Promise.all([
      tx.select().from(learningResourceOutcomes).where(inArray(learningResourceOutcomes.resourceId, ids)).orderBy(asc(learningResourceOutcomes.topicId)),
      tx.select().from(learningResourcePrerequisites).where(inArray(learningResourcePrerequisites.resourceId, ids)).orderBy(asc(learningResourcePrerequisites.prerequisiteId)),
    ]);
    return rows.map(({ resource, organisationName }) => ({
      ...resource,
      organisationName,
      outcomes: outcomes.filter((o) => o.resourceId === resource.id).map(({ topicId, level }) => ({ topicId, level })),
      prerequisiteIds: prerequisites.filter((p) => p.resourceId === resource.id).map((p) => p.prerequisiteId),
    }));
  }

  const selectWithOwner = (tx: Database) =>
    tx.select({ resource: learningResources, organisationName: organisations.name }).from(learningResources).innerJoin(organisations, eq(organisations.id, learningResources.organisationId));

  async function replaceLinks(resourceId: string, links: ResourceLinks, tx: Database): Promise<void> {
    await tx.delete(learningResourceOutcomes).where(eq(learningResourceOutcomes.resourceId, resourceId));
    await tx.delete(learningResourcePrerequisites).where(eq(learningResourcePrerequisites.resourceId, resourceId));
    if (links.outcomes.length > 0) await tx.insert(learningResourceOutcomes).values(links.outcomes.map((o) => ({ resourceId, topicId: o.topicId, level: o.level })));
    if (links.prerequisiteIds.length > 0) await tx.insert(learningResourcePrerequisites).values(links.prerequisiteIds.map((prerequisiteId) => ({ resourceId, prerequisiteId })));
  }

  return {
    /** A new resource row; its outcomes and prerequisites are set with `replaceLinks`. */
    async insertResource(row: NewResource, tx: Database = db): Promise<ResourceRow> {
      const [inserted] = await tx.insert(learningResources).values(row).returning();
      if (!inserted) throw new Error('resource insert returned nothing');
      return inserted;
    },

    /**
     * Changes a resource and counts the change in its version, but only while it is still at
     * `expectedVersion`: undefined means someone else changed it first.
     */
    async updateResource(id: string, expectedVersion: number, values: Partial<Omit<NewResource, 'id' | 'version' | 'createdBy' | 'createdAt'>>, at: Date, tx: Database = db): Promise<ResourceRow | undefined> {
      const [updated] = await tx
        .update(learningResources)
        .set({ ...values, version: sql`${learningResources.version} + 1`, updatedAt: at })
        .where(and(eq(learningResources.id, id), eq(learningResources.version, expectedVersion)))
        .returning();
      return updated;
    },

    /** Sets a resource's outcomes and prerequisites to exactly these. */
    replaceLinks: (resourceId: string, links: ResourceLinks, tx: Database = db) => replaceLinks(resourceId, links, tx),

    /** Holds the resource until the transaction ends, so two changes cannot interleave. */
    async lockResource(id: string, tx: Database): Promise<ResourceRecord | undefined> {
      const rows = await selectWithOwner(tx).where(eq(learningResources.id, id)).for('update', { of: learningResources });
      return (await withLinks(rows, tx))[0];
    },

    /** One resource by id; callers decide whether the asker may see it. */
    async findResource(id: string, tx: Database = db): Promise<ResourceRecord | undefined> {
      return (await withLinks(await selectWithOwner(tx).where(eq(learningResources.id, id)), tx))[0];
    },

    async listResourcesByIds(ids: readonly string[], tx: Database = db): Promise<ResourceRecord[]> {
      if (ids.length === 0) return [];
      return withLinks(await selectWithOwner(tx).where(inArray(learningResources.id, [...ids])), tx);
    },

    /** Resources whose title is one of these (case-insensitive), for references by title in imports. */
    async listResourcesByTitles(frameworkId: string, titles: readonly string[], tx: Database = db): Promise<ResourceRow[]> {
      if (titles.length === 0) return [];
      const lowered = [...new Set(titles.map((t) => t.toLowerCase()))];
      return tx
        .select()
        .from(learningResources)
        .where(and(eq(learningResources.frameworkId, frameworkId), inArray(sql<string>`lower(${learningResources.title})`, lowered)));
    },

    /** One page of matching resources in title order, and how many match in all. */
    async listResources(query: ResourceQuery, tx: Database = db): Promise<{ items: ResourceRecord[]; total: number }> {
      const where = conditions(tx, query);
      const [rows, [counted]] = await Promise.all([
        selectWithOwner(tx)
          .where(where)
          .orderBy(asc(sql`lower(${learningResources.title})`), asc(learningResources.id))
          .limit(query.limit)
          .offset(query.offset),
        tx.select({ n: count() }).from(learningResources).where(where),
      ]);
      return { items: await withLinks(rows, tx), total: counted?.n ?? 0 };
    },

    /**
     * Every published resource of the framework with its outcomes and prerequisites (read-only:
     * the same objects are handed to every caller until the catalogue changes).
     */
    async listPublishedForPlanning(frameworkId: string, tx: Database = db): Promise<readonly PlanningResource[]> {
      const fingerprint = await catalogueFingerprint(frameworkId, tx);
      const cached = planningCache.get(frameworkId);
      if (cached?.fingerprint === fingerprint) return cached.resources;
      const resources = await readPublishedForPlanning(frameworkId, tx);
      planningCache.set(frameworkId, { fingerprint, resources });
      return resources;
    },

    /** Published resources that name this one as a prerequisite. */
    async listPublishedDependents(resourceId: string, tx: Database = db): Promise<Array<{ id: string; title: string }>> {
      return tx
        .select({ id: learningResources.id, title: learningResources.title })
        .from(learningResourcePrerequisites)
        .innerJoin(learningResources, eq(learningResources.id, learningResourcePrerequisites.resourceId))
        .where(and(eq(learningResourcePrerequisites.prerequisiteId, resourceId), eq(learningResources.status, 'published')))
        .orderBy(asc(learningResources.title));
    },

    /**
     * Every prerequisite link reachable from these resources (their prerequisites, theirs, and so
     * on), for checking that a change makes no cycle.
     */
    async listPrerequisiteLinksFrom(resourceIds: readonly string[], tx: Database = db): Promise<Array<{ resourceId: string; prerequisiteId: string }>> {
      if (resourceIds.length === 0) return [];
      const p = learningResourcePrerequisites;
      const starts = sql.join(
        resourceIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      const result = await tx.execute<{ resource_id: string; prerequisite_id: string }>(sql`
        with recursive reach(resource_id, prerequisite_id) as (
          select ${p.resourceId}, ${p.prerequisiteId} from ${p} where ${p.resourceId} in (${starts})
          union
          select l.resource_id, l.prerequisite_id from ${p} l join reach on l.resource_id = reach.prerequisite_id
        )
        select resource_id::text, prerequisite_id::text from reach`);
      return (result as unknown as { rows: Array<{ resource_id: string; prerequisite_id: string }> }).rows.map((row) => ({ resourceId: row.resource_id, prerequisiteId: row.prerequisite_id }));
    },

    async countSampleResources(tx: Database = db): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(learningResources).where(eq(learningResources.sample, true));
      return row?.n ?? 0;
    },

    async insertRevisions(rows: Array<typeof learningResourceRevisions.$inferInsert>, tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.insert(learningResourceRevisions).values(rows);
    },

    /** A resource's revisions, newest first, with who made each. */
    async listRevisions(resourceId: string, tx: Database = db): Promise<RevisionRecord[]> {
      const rows = await tx
        .select({ revision: learningResourceRevisions, changedByName: people.displayName })
        .from(learningResourceRevisions)
        .innerJoin(people, eq(people.id, learningResourceRevisions.changedBy))
        .where(eq(learningResourceRevisions.resourceId, resourceId))
        .orderBy(desc(learningResourceRevisions.version), desc(learningResourceRevisions.changedAt));
      return rows.map(({ revision, changedByName }) => ({ ...revision, changedByName }));
    },

    // The curation-gap report reads what people in scope need in three queries, whatever their
    // number, rather than one self-assessment per person.

    /** Everyone in these organisations with their archetypes (none when they have no profile yet). */
    async listLearnerProfiles(organisationIds: readonly string[], tx: Database = db): Promise<LearnerProfileFacts[]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx
        .select({ personId: people.id, archetypes: profiles.archetypes, clinicalDecisionMaking: profiles.clinicalDecisionMaking })
        .from(people)
        .leftJoin(profiles, eq(profiles.personId, people.id))
        .where(inArray(people.organisationId, [...organisationIds]));
      return rows.map((r) => ({ personId: r.personId, archetypes: r.archetypes ?? [], clinicalDecisionMaking: r.clinicalDecisionMaking ?? false }));
    },

    /** The latest focus decision per person and archetype, for people in these organisations. */
    async listCurrentFocusIn(organisationIds: readonly string[], tx: Database = db): Promise<Array<{ personId: string; archetype: string; factors: string[] | null }>> {
      if (organisationIds.length === 0) return [];
      return tx
        .selectDistinctOn([advancedFocus.personId, advancedFocus.archetype], { personId: advancedFocus.personId, archetype: advancedFocus.archetype, factors: advancedFocus.factors })
        .from(advancedFocus)
        .where(inArray(advancedFocus.personId, peopleIn(tx, organisationIds)))
        .orderBy(advancedFocus.personId, advancedFocus.archetype, desc(advancedFocus.setAt));
    },

    /** Each person's latest rating per topic, for people in these organisations. */
    async listCurrentRatingsIn(organisationIds: readonly string[], frameworkId: string, tx: Database = db): Promise<Array<{ personId: string; topicId: string; level: string }>> {
      if (organisationIds.length === 0) return [];
      return tx
        .selectDistinctOn([topicRatings.personId, topicRatings.topicId], { personId: topicRatings.personId, topicId: topicRatings.topicId, level: topicRatings.level })
        .from(topicRatings)
        .where(and(inArray(topicRatings.personId, peopleIn(tx, organisationIds)), eq(topicRatings.frameworkId, frameworkId)))
        .orderBy(topicRatings.personId, topicRatings.topicId, desc(topicRatings.ratedAt), desc(sql`${topicRatings.id}`));
    },

    /**
     * Draft and published resources owned in this subtree (a null root: everywhere) whose review
     * date is on or before `onOrBefore` (yyyy-mm-dd), soonest first.
     */
    async listResourcesDueForReview(query: { frameworkId: string; rootOrganisationId: string | null; onOrBefore: string; limit: number }, tx: Database = db): Promise<Array<ResourceRow & { organisationName: string }>> {
      const owned = query.rootOrganisationId === null ? undefined : sql`${learningResources.organisationId} in ${subtreeOf(query.rootOrganisationId)}`;
      const rows = await selectWithOwner(tx)
        .where(and(eq(learningResources.frameworkId, query.frameworkId), inArray(learningResources.status, ['draft', 'published']), lte(learningResources.reviewDate, query.onOrBefore), owned))
        .orderBy(asc(learningResources.reviewDate), asc(sql`lower(${learningResources.title})`), asc(learningResources.id))
        .limit(query.limit);
      return rows.map(({ resource, organisationName }) => ({ ...resource, organisationName }));
    },

    /**
     * Everyone with this resource still ahead of them (planned or started) in their active
     * journey, whatever organisation they are in: a published resource is offered to all.
     */
    async listLearnersWithResourceAhead(resourceId: string, tx: Database = db): Promise<Array<{ personId: string; organisationId: string }>> {
      return tx
        .selectDistinct({ personId: journeys.personId, organisationId: journeys.organisationId })
        .from(journeyItems)
        .innerJoin(journeys, eq(journeys.id, journeyItems.journeyId))
        .where(and(eq(journeyItems.resourceId, resourceId), inArray(journeyItems.status, ['planned', 'started']), eq(journeys.status, 'active')))
        .orderBy(journeys.personId);
    },

    /** Each topic and level some published resource of the framework brings people to. */
    async listPublishedOutcomes(frameworkId: string, tx: Database = db): Promise<Array<{ topicId: string; level: string }>> {
      return tx
        .selectDistinct({ topicId: learningResourceOutcomes.topicId, level: learningResourceOutcomes.level })
        .from(learningResourceOutcomes)
        .innerJoin(learningResources, eq(learningResources.id, learningResourceOutcomes.resourceId))
        .where(and(eq(learningResources.frameworkId, frameworkId), eq(learningResources.status, 'published')));
    },
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
