import { randomUUID } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { CatalogueRepository, ResourceRecord, ResourceRow } from '../../db/catalogue.repository.ts';
import type { Database } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { RESOURCE_STATUSES } from '../../db/tables/catalogue.ts';
import { AppError } from '../../errors.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { CatalogueAccess } from './catalogue-access.ts';
import type { ExportedCatalogue, ImportResult, LearningResource, ResourceFilter, ResourceInput, ResourceStatus, TransferFormat } from './catalogue.types.ts';
import { findPrerequisiteCycle, withReplacedLinks } from './prerequisite-graph.ts';
import { toResourceQuery } from './resource-filter.ts';
import { findResourceProblems } from './resource-input.ts';
import type { Problem } from './resource-input.ts';
import { columnsOf, inputOf, isSameInput, revisionRow, toLearningResource } from './resource-records.ts';
import { parseImport, resourcesToCsv, resourcesToJson, rowProblem } from './resource-transfer.ts';
import type { TransferRow } from './resource-transfer.ts';
import { createTopicResolver } from './topic-resolver.ts';
import type { TopicResolver } from './topic-resolver.ts';

const EXPORT_BATCH = 1000;
/** An error summary longer than this helps nobody; the rest are counted. */
const MAX_REPORTED_PROBLEMS = 100;

/** Whether a row says exactly what the stored resource says (prerequisites by id, as exported). */
function isUnchangedRow(source: TransferRow, stored: ResourceRecord, index: FrameworkIndex, topics: TopicResolver): boolean {
  if ((source.status ?? stored.status) !== stored.status || (source.sample ?? stored.sample) !== stored.sample) return false;
  const { input, problems } = findResourceProblems(source.submission, { index, forPublishing: stored.status === 'published', topics });
  const refs = source.prerequisiteRefs.map((r) => r.toLowerCase());
  return problems.length === 0 && isSameInput({ ...input, prerequisiteIds: refs }, inputOf(stored));
}

const rowNumber = (problem: Problem) => Number(/^rows\.(\d+)\./.exec(problem.field)?.[1] ?? 0);

/** One import row, checked, with what it will do. */
interface PlannedRow {
  source: TransferRow;
  /** The resource it updates (or keeps), or null when it creates one. */
  existing: ResourceRecord | null;
  /** A resource the importer does not curate, given unchanged: nothing is written for it. */
  kept: boolean;
  /** The id it will have: the existing one, or a new one chosen now so other rows can refer to it. */
  resultId: string;
  input: ResourceInput;
  status: ResourceStatus;
  sample: boolean;
}

export interface TransferDeps {
  db: Database;
  catalogueRepository: CatalogueRepository;
  audit: Pick<AuditRepository, 'insertAuditEvent'>;
  framework: () => HubEntry;
  now: () => Date;
  access: CatalogueAccess;
}

/** Catalogue export and import (CSV and JSON; columns in resource-transfer.ts). */
export function createCatalogueTransfer(deps: TransferDeps) {
  const { catalogueRepository: resources, access } = deps;

  const isVisible = async (viewer: Viewer, r: Pick<ResourceRow, 'status' | 'organisationId'>, tx: Database) =>
    r.status === 'published' || (await access.canCurate(viewer, r.organisationId, tx));

  /** Decides, for each row, whether it updates or creates, and checks it against the framework. */
  async function planRows(viewer: Viewer, format: TransferFormat, rows: TransferRow[], problems: Problem[], tx: Database): Promise<PlannedRow[]> {
    const { index } = deps.framework();
    // One for the whole file, so each mistyped topic is looked for once.
    const topics = createTopicResolver(index);
    const ids = [...new Set(rows.map((r) => r.id).filter((id): id is string => id !== null && isUuid(id)))];
    const existing = new Map((await resources.listResourcesByIds(ids, tx)).map((r) => [r.id, r]));
    const seen = new Set<string>();
    const planned: PlannedRow[] = [];
    for (const source of rows) {
      const report = (field: string, message: string) => problems.push(rowProblem(format, source.row, field, message));
      problems.push(...source.problems);
      if (source.id !== null && seen.has(source.id)) report('id', 'This id appears on an earlier row too');
      if (source.id !== null) seen.add(source.id);
      const found = source.id === null ? undefined : existing.get(source.id);
      const target = found && (await access.canCurate(viewer, found.organisationId, tx)) ? found : null;
      // Someone else's published resource, exactly as it is (as in an export of the whole catalogue): left alone.
      const kept = !target && found?.status === 'published' && isUnchangedRow(source, found, index, topics) ? found : null;
      if (kept) {
        planned.push({ source, existing: kept, kept: true, resultId: kept.id, input: inputOf(kept), status: kept.status, sample: kept.sample });
        continue;
      }
      const status = RESOURCE_STATUSES.find((s) => s === (source.status ?? target?.status ?? 'draft'));
      if (!status) report('status', 'Status must be draft, published or retired');
      const checked = findResourceProblems(source.submission, { index, forPublishing: status === 'published', topics });
      for (const p of checked.problems) report(p.field, p.message);
      if (target && source.version !== null && source.version !== target.version) {
        report('version', `This resource has changed since the file was exported (it is now at version ${target.version}); export it again`);
      }
      if (target?.status === 'retired' && status === 'retired' && !isSameInput({ ...checked.input, prerequisiteIds: target.prerequisiteIds }, inputOf(target))) {
        report('status', 'This resource is retired: set its status to draft to change it');
      }
      planned.push({ source, existing: target, kept: false, resultId: target?.id ?? randomUUID(), input: checked.input, status: status ?? 'draft', sample: source.sample ?? target?.sample ?? false });
    }
    return planned;
  }

  /** Turns each row's prerequisite ids and titles into ids: rows of the file first, then the hub. */
  async function resolvePrerequisites(viewer: Viewer, format: TransferFormat, planned: PlannedRow[], problems: Problem[], tx: Database): Promise<void> {
    const { id: frameworkId } = deps.framework();
    const byFileId = new Map(planned.filter((p) => p.source.id !== null).map((p) => [p.source.id as string, p.resultId]));
    const byFileTitle = new Map<string, string[]>();
    for (const p of planned) byFileTitle.set(p.input.title.toLowerCase(), [...(byFileTitle.get(p.input.title.toLowerCase()) ?? []), p.resultId]);
    const refs = planned.flatMap((p) => p.source.prerequisiteRefs);
    const hubIds = refs.filter((r) => isUuid(r) && !byFileId.has(r.toLowerCase())).map((r) => r.toLowerCase());
    const hubTitles = refs.filter((r) => !isUuid(r) && !byFileTitle.has(r.toLowerCase()));
    const hub: ResourceRow[] = [...(await resources.listResourcesByIds(hubIds, tx)), ...(await resources.listResourcesByTitles(frameworkId, hubTitles, tx))];
    const visible: ResourceRow[] = [];
    for (const r of hub) if (await isVisible(viewer, r, tx)) visible.push(r);
    for (const p of planned) {
      if (p.kept) continue;
      const report = (message: string) => problems.push(rowProblem(format, p.source.row, 'prerequisiteIds', message));
      const ids: string[] = [];
      for (const ref of p.source.prerequisiteRefs) {
        const key = ref.toLowerCase();
        const matches = isUuid(ref)
          ? [byFileId.get(key) ?? visible.find((r) => r.id === key)?.id].filter((id): id is string => id !== undefined)
          : (byFileTitle.get(key) ?? [...new Set(visible.filter((r) => r.title.toLowerCase() === key).map((r) => r.id))]);
        if (matches.length === 0) report(`There is no learning resource “${ref}” in the file or the hub`);
        else if (matches.length > 1) report(`More than one resource is titled “${ref}”: name it by its id`);
        else if (matches[0] === p.resultId) report('A resource cannot be its own prerequisite');
        else if (!ids.includes(matches[0]!)) ids.push(matches[0]!);
      }
      p.input = { ...p.input, prerequisiteIds: ids };
    }
  }

  /** No cycles, and published rows only need published resources. */
  async function checkGraph(format: TransferFormat, planned: PlannedRow[], problems: Problem[], tx: Database): Promise<void> {
    const replaced = new Map(planned.map((p) => [p.resultId, p.input.prerequisiteIds]));
    const outside = [...new Set(planned.flatMap((p) => p.input.prerequisiteIds).filter((id) => !replaced.has(id)))];
    const links = withReplacedLinks(await resources.listPrerequisiteLinksFrom(outside, tx), replaced);
    const cycle = findPrerequisiteCycle(links, replaced.keys());
    const rowOf = new Map(planned.map((p) => [p.resultId, p]));
    if (cycle) {
      const first = rowOf.get(cycle.find((id) => rowOf.has(id)) ?? '');
      if (first) problems.push(rowProblem(format, first.source.row, 'prerequisiteIds', 'These prerequisites go round in a circle back to this resource'));
    }
    const statusOf = new Map((await resources.listResourcesByIds(outside, tx)).map((r) => [r.id, r.status]));
    for (const p of planned) statusOf.set(p.resultId, p.status);
    for (const p of planned) {
      if (p.status === 'published' && p.input.prerequisiteIds.some((id) => statusOf.get(id) !== 'published')) {
        problems.push(rowProblem(format, p.source.row, 'prerequisiteIds', 'A published resource needs published prerequisites: publish them too'));
      }
    }
  }

  /** Writes every changed row: rows first (prerequisites may name rows created in this file), then links, revisions and one audit event. */
  async function writeRows(viewer: Viewer, format: TransferFormat, planned: PlannedRow[], tx: Database): Promise<ImportResult> {
    const { id: frameworkId } = deps.framework();
    const at = deps.now();
    const changed = planned.filter((p) => !p.kept && (!p.existing || !isSameInput(p.input, inputOf(p.existing)) || p.status !== p.existing.status || p.sample !== p.existing.sample));
    const stamps = (p: PlannedRow) => {
      if (p.existing && p.status === p.existing.status) return {};
      return { publishedAt: p.status === 'published' ? at : p.status === 'draft' ? null : (p.existing?.publishedAt ?? null), retiredAt: p.status === 'retired' ? at : null };
    };
    for (const p of changed) {
      const values = { ...columnsOf(p.input), status: p.status, sample: p.sample, ...stamps(p) };
      if (!p.existing) {
        await resources.insertResource({ ...values, id: p.resultId, organisationId: viewer.organisationId, frameworkId, createdBy: viewer.personId, createdAt: at, updatedAt: at }, tx);
      } else if (!(await resources.updateResource(p.existing.id, p.existing.version, values, at, tx))) {
        throw new AppError('conflict', `Row ${p.source.row}: someone changed this resource while the file was being imported. Import the file again.`);
      }
    }
    for (const p of changed) await resources.replaceLinks(p.resultId, p.input, tx);
    const records = await resources.listResourcesByIds(changed.map((p) => p.resultId), tx);
    await resources.insertRevisions(records.map((r) => revisionRow(r, viewer, 'imported', at)), tx);
    const created = changed.filter((p) => !p.existing).map((p) => p.resultId);
    const updated = changed.filter((p) => p.existing).map((p) => p.resultId);
    await deps.audit.insertAuditEvent({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: null, action: 'resources.imported', detail: { format, rows: planned.length, created, updated } }, tx);
    return { created: created.length, updated: updated.length, unchanged: planned.length - changed.length, resourceIds: planned.map((p) => p.resultId) };
  }

  return {
    /** Every resource the viewer may see (published; for curators their drafts and retired too), as a file. */
    async exportResources({ viewer, format, filter = {} }: { viewer: Viewer | null; format: TransferFormat; filter?: ResourceFilter }): Promise<ExportedCatalogue> {
      const framework = deps.framework();
      const statuses = filter.statuses ?? (access.isCurator(viewer) ? [...RESOURCE_STATUSES] : ['published' as const]);
      const query = { ...toResourceQuery(framework.index, framework.id, { ...filter, statuses, page: 1, pageSize: 1 }, access.curatedRootOf(viewer)), limit: EXPORT_BATCH };
      const all: LearningResource[] = [];
      for (let offset = 0; ; offset += EXPORT_BATCH) {
        const { items } = await resources.listResources({ ...query, offset });
        all.push(...items.map(toLearningResource));
        if (items.length < EXPORT_BATCH) break;
      }
      const exportedAt = deps.now();
      const stem = `learning-resources-${exportedAt.toISOString().slice(0, 10)}`;
      return format === 'csv'
        ? { filename: `${stem}.csv`, contentType: 'text/csv; charset=utf-8', body: resourcesToCsv(all) }
        : { filename: `${stem}.json`, contentType: 'application/json; charset=utf-8', body: resourcesToJson(all, { frameworkId: framework.id, exportedAt }) };
    },

    /**
     * Creates and updates resources from a file, all or nothing: any problem in any row changes
     * nothing, and every problem is reported with its row.
     */
    async importResources({ viewer, format, content }: { viewer: Viewer; format: TransferFormat; content: string }): Promise<ImportResult> {
      access.requireCurator(viewer);
      const rows = parseImport(format, content);
      return inTransaction(deps.db, async (tx) => {
        const problems: Problem[] = [];
        const planned = await planRows(viewer, format, rows, problems, tx);
        await resolvePrerequisites(viewer, format, planned, problems, tx);
        if (problems.length === 0) await checkGraph(format, planned, problems, tx);
        if (problems.length > 0) {
          const shown = problems.sort((a, b) => rowNumber(a) - rowNumber(b)).slice(0, MAX_REPORTED_PROBLEMS);
          if (problems.length > shown.length) shown.push({ field: 'content', message: `and ${problems.length - shown.length} more problems` });
          throw new AppError('invalid', `Nothing was imported: the file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}.`, shown);
        }
        return writeRows(viewer, format, planned, tx);
      });
    },
  };
}
