import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { JourneyRepository, JourneyTemplateRecord } from '../../db/journey.repository.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';

/** What an educator writes for a journey template. */
export interface TemplateInput {
  title: string;
  description: string;
  audienceArchetypes: string[];
  /** Published resources, in the order the educator recommends. */
  resourceIds: string[];
}

export interface TemplateServiceDeps {
  db: Database;
  journeyRepository: JourneyRepository;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listSubtreeIds'>;
  audit: AuditLog;
  framework: () => HubEntry;
  /** Published resources an educator can put in a template, with what a chooser shows. */
  publishedResources: () => Promise<Array<{ id: string; title: string; provider: string; durationMinutes: number; sample: boolean; vendorNeutral: boolean }>>;
}

const templateNotFound = () => new AppError('not_found', 'There is no such journey template, or you cannot see it.');
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;

/**
 * Journey templates: educators curate an ordered set of resources for an audience ("Foundational
 * AI for all staff"); learners follow one, or let the planner start from it. Educators curate the
 * templates of their own organisation and the organisations under it.
 */
export function createJourneyTemplateService(deps: TemplateServiceDeps) {
  const repo = deps.journeyRepository;

  async function mayCurate(viewer: Viewer, organisationId: string): Promise<boolean> {
    if (viewer.roles.includes('platform-admin')) return true;
    if (!viewer.roles.includes('educator')) return false;
    return deps.organisationRepository.isWithinSubtree(viewer.organisationId, organisationId);
  }

  /** The organisations whose templates the viewer curates: null for all (platform admin), undefined for none. */
  async function curatedOrganisationIds(viewer: Viewer | null): Promise<string[] | null | undefined> {
    if (!viewer) return undefined;
    if (viewer.roles.includes('platform-admin')) return null;
    if (!viewer.roles.includes('educator')) return undefined;
    return deps.organisationRepository.listSubtreeIds(viewer.organisationId);
  }

  /** A template the viewer may see: published for everyone, any status for its curators. */
  async function visibleTemplate(viewer: Viewer | null, templateId: string): Promise<JourneyTemplateRecord> {
    const template = isUuid(templateId) ? await repo.findTemplate(templateId) : undefined;
    if (!template) throw templateNotFound();
    if (template.status === 'published') return template;
    if (viewer && (await mayCurate(viewer, template.organisationId))) return template;
    throw templateNotFound();
  }

  async function curatedTemplate(viewer: Viewer, templateId: string): Promise<JourneyTemplateRecord> {
    const template = await visibleTemplate(viewer, templateId);
    if (!(await mayCurate(viewer, template.organisationId))) throw new AppError('forbidden', 'Only an educator for this organisation can change this journey template.');
    return template;
  }

  async function validate(input: TemplateInput, forPublishing: boolean): Promise<TemplateInput> {
    const problems: Array<{ field: string; message: string }> = [];
    const title = input.title.trim();
    const description = input.description.trim();
    if (!title) problems.push({ field: 'title', message: 'Enter a title' });
    else if (title.length > TITLE_MAX) problems.push({ field: 'title', message: `Title must be ${TITLE_MAX} characters or fewer` });
    if (!description) problems.push({ field: 'description', message: 'Enter a description' });
    else if (description.length > DESCRIPTION_MAX) problems.push({ field: 'description', message: `Description must be ${DESCRIPTION_MAX} characters or fewer` });
    const archetypes = new Set(deps.framework().index.doc.archetypes.map((a) => a.id));
    if (input.audienceArchetypes.some((a) => !archetypes.has(a))) problems.push({ field: 'audienceArchetypes', message: 'Select archetypes from the list' });
    const resourceIds = [...new Set(input.resourceIds)];
    const published = new Set((await deps.publishedResources()).map((r) => r.id));
    if (resourceIds.some((id) => !published.has(id))) problems.push({ field: 'resourceIds', message: 'Choose published resources from the catalogue' });
    if (forPublishing && resourceIds.length === 0) problems.push({ field: 'resourceIds', message: 'Choose at least one resource' });
    if (problems.length > 0) throw new AppError('invalid', 'The journey template has problems.', problems);
    return { title, description, audienceArchetypes: input.audienceArchetypes, resourceIds };
  }

  return {
    /** What an educator may put in a template. */
    listChoosableResources: () => deps.publishedResources(),

    /** Whether the viewer may curate templates at all (to show the buttons). */
    canCurateAny: (viewer: Viewer | null) => viewer !== null && (viewer.roles.includes('educator') || viewer.roles.includes('platform-admin')),

    /** Published templates for everyone; educators also see the drafts and retired ones they curate. */
    async listTemplates({ viewer }: { viewer: Viewer | null }): Promise<Array<JourneyTemplateRecord & { curatable: boolean }>> {
      const curated = await curatedOrganisationIds(viewer);
      const templates = await repo.listTemplates({ curatedOrganisationIds: curated === undefined ? [] : curated });
      const curatable = (organisationId: string) => curated === null || (curated?.includes(organisationId) ?? false);
      return templates.map((t) => ({ ...t, curatable: curatable(t.organisationId) }));
    },

    async getTemplate({ viewer, templateId }: { viewer: Viewer | null; templateId: string }): Promise<JourneyTemplateRecord & { curatable: boolean }> {
      const template = await visibleTemplate(viewer, templateId);
      return { ...template, curatable: viewer !== null && (await mayCurate(viewer, template.organisationId)) };
    },

    /** For re-planning a journey that already follows it: the template whatever its status now. */
    async findTemplate(templateId: string, tx?: Database): Promise<JourneyTemplateRecord | undefined> {
      return isUuid(templateId) ? repo.findTemplate(templateId, tx) : undefined;
    },

    /** For planning: a published template, or undefined. */
    async findPublishedTemplate(templateId: string, tx?: Database): Promise<JourneyTemplateRecord | undefined> {
      const template = isUuid(templateId) ? await repo.findTemplate(templateId, tx) : undefined;
      return template?.status === 'published' ? template : undefined;
    },

    async createTemplate({ viewer, input }: { viewer: Viewer; input: TemplateInput }): Promise<JourneyTemplateRecord> {
      if (!(await mayCurate(viewer, viewer.organisationId))) throw new AppError('forbidden', 'Only educators can create journey templates.');
      const clean = await validate(input, false);
      const id = await inTransaction(deps.db, async (tx) => {
        const row = await repo.insertTemplate(
          {
            organisationId: viewer.organisationId,
            frameworkId: deps.framework().id,
            title: clean.title,
            description: clean.description,
            audienceArchetypes: clean.audienceArchetypes,
            createdBy: viewer.personId,
          },
          clean.resourceIds,
          tx,
        );
        await deps.audit.record({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: null, action: 'journey-template.created', detail: { templateId: row.id, ...clean } }, tx);
        return row.id;
      });
      return (await repo.findTemplate(id))!;
    },

    async updateTemplate({ viewer, templateId, input }: { viewer: Viewer; templateId: string; input: TemplateInput }): Promise<JourneyTemplateRecord> {
      const template = await curatedTemplate(viewer, templateId);
      const clean = await validate(input, template.status === 'published');
      await inTransaction(deps.db, async (tx) => {
        await repo.updateTemplate(templateId, { title: clean.title, description: clean.description, audienceArchetypes: clean.audienceArchetypes, updatedAt: new Date() }, clean.resourceIds, tx);
        await deps.audit.record({ organisationId: template.organisationId, actorId: viewer.personId, subjectId: null, action: 'journey-template.edited', detail: { templateId, ...clean } }, tx);
      });
      return (await repo.findTemplate(templateId))!;
    },

    async setTemplateStatus({ viewer, templateId, status }: { viewer: Viewer; templateId: string; status: 'published' | 'retired' | 'draft' }): Promise<JourneyTemplateRecord> {
      const template = await curatedTemplate(viewer, templateId);
      if (status === 'published') await validate(template, true);
      await inTransaction(deps.db, async (tx) => {
        await repo.updateTemplate(templateId, { status, updatedAt: new Date() }, undefined, tx);
        await deps.audit.record({ organisationId: template.organisationId, actorId: viewer.personId, subjectId: null, action: `journey-template.${status}`, detail: { templateId } }, tx);
      });
      return (await repo.findTemplate(templateId))!;
    },
  };
}

export type JourneyTemplateService = ReturnType<typeof createJourneyTemplateService>;
