import type { ResourceQuery } from '../../db/catalogue.repository.ts';
import { RESOURCE_FORMATS, RESOURCE_STATUSES } from '../../db/tables/catalogue.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { AppError } from '../../errors.ts';
import type { ResourceFilter } from './catalogue.types.ts';
import type { Problem } from './resource-input.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** True when `factorId` is `ancestorId` or sits beneath it. */
function isWithinFactor(index: FrameworkIndex, factorId: string, ancestorId: string): boolean {
  let current = index.factorById.get(factorId);
  for (let steps = 0; current && steps <= index.doc.factors.length; steps += 1) {
    if (current.id === ancestorId) return true;
    current = current.parent === null ? undefined : index.factorById.get(current.parent);
  }
  return false;
}

/** The topics of a factor: a topic counts when it, or any statement rated under it, sits in the factor or beneath it. */
export function topicIdsOfFactor(index: FrameworkIndex, factorId: string): string[] {
  return [...index.topicById.values()]
    .filter((t) => isWithinFactor(index, t.factor, factorId) || t.requirements.some((r) => isWithinFactor(index, r.factor, factorId)))
    .map((t) => t.id);
}

/**
 * A catalogue filter as a repository query. Unknown topics, factors and archetypes are mistakes
 * worth reporting; unpublished statuses are simply left out for someone who curates nothing.
 * `curatedRoot` is the viewer's curation scope (see CatalogueAccess.curatedRootOf).
 */
export function toResourceQuery(index: FrameworkIndex, frameworkId: string, filter: ResourceFilter, curatedRoot: string | null | undefined): ResourceQuery {
  const problems: Problem[] = [];
  if (filter.topicId !== undefined && !index.topicById.has(filter.topicId)) problems.push({ field: 'topicId', message: `There is no topic ${filter.topicId}` });
  if (filter.factorId !== undefined && !index.factorById.has(filter.factorId)) problems.push({ field: 'factorId', message: `There is no factor ${filter.factorId}` });
  if (filter.archetype !== undefined && !index.archetypeById.has(filter.archetype)) problems.push({ field: 'archetype', message: `There is no archetype ${filter.archetype}` });
  const unknownFormats = (filter.formats ?? []).filter((f) => !(RESOURCE_FORMATS as readonly string[]).includes(f));
  if (unknownFormats.length > 0) problems.push({ field: 'formats', message: `Formats are ${RESOURCE_FORMATS.join(', ')}` });
  const unknownStatuses = (filter.statuses ?? []).filter((s) => !(RESOURCE_STATUSES as readonly string[]).includes(s));
  if (unknownStatuses.length > 0) problems.push({ field: 'statuses', message: `Statuses are ${RESOURCE_STATUSES.join(', ')}` });
  if (filter.maxMinutes !== undefined && (!Number.isInteger(filter.maxMinutes) || filter.maxMinutes < 1)) problems.push({ field: 'maxMinutes', message: 'Enter the most minutes as a whole number, 1 or more' });
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1) problems.push({ field: 'page', message: 'Page must be 1 or more' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) problems.push({ field: 'pageSize', message: `Page size must be from 1 to ${MAX_PAGE_SIZE}` });
  if (problems.length > 0) throw new AppError('invalid', 'Some filter values are not valid.', problems);

  let topicIds: string[] | undefined;
  if (filter.factorId !== undefined) topicIds = topicIdsOfFactor(index, filter.factorId);
  if (filter.topicId !== undefined) topicIds = topicIds ? topicIds.filter((id) => id === filter.topicId) : [filter.topicId];
  const statuses = filter.statuses && filter.statuses.length > 0 ? filter.statuses : ['published' as const];
  const unpublished = statuses.filter((s) => s !== 'published');
  return {
    frameworkId,
    text: filter.text?.trim() || undefined,
    topicIds,
    archetype: filter.archetype,
    formats: filter.formats,
    freeOnly: filter.freeOnly,
    vendorNeutralOnly: filter.vendorNeutralOnly,
    accreditedOnly: filter.accreditedOnly,
    maxMinutes: filter.maxMinutes,
    includePublished: statuses.includes('published'),
    curated: curatedRoot === undefined || unpublished.length === 0 ? undefined : { statuses: unpublished, rootOrganisationId: curatedRoot },
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
}
