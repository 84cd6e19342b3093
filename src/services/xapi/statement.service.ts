import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import type { XapiActivityRepository } from '../../db/xapi-activity.repository.ts';
import type { NewXapiStatement, StatementFilter, StatementPage, XapiStatementRepository, XapiStatementRow } from '../../db/xapi-statement.repository.ts';
import { checkAttachmentParts, checkSignatures } from '../../xapi/statements/attachments.ts';
import type { AttachmentContent } from '../../xapi/statements/attachments.ts';
import { sameStatement } from '../../xapi/statements/statement-equivalence.ts';
import { isTimestamp, toUtcTimestamp } from '../../xapi/statements/rules/formats.ts';
import { checkStatement } from '../../xapi/statements/statement-rules.ts';
import { activityDefinitionsOf, indexStatement, withArrayContextActivities } from '../../xapi/statements/statement-terms.ts';
import type { Json, StatementIndex } from '../../xapi/statements/statement-terms.ts';
import { XapiError } from '../../xapi/xapi-errors.ts';
import { XAPI_VERSION } from '../../xapi/xapi-version.ts';
import type { LrsClient } from './lrs-key.service.ts';
import type { PlatformCompletions } from './platform-completions.service.ts';

export interface XapiStatementServiceDeps {
  db: Database;
  statements: XapiStatementRepository;
  activities: XapiActivityRepository;
  /** The hub's base URL: the homePage of the authority's account. */
  baseUrl: string;
  /** Completed/passed statements about hub people are queued in the store's transaction for journeys. */
  completions?: Pick<PlatformCompletions, 'enqueue' | 'drain'>;
  now?: () => Date;
}

/** How long a request that stored completions spends applying them before it answers. */
const COMPLETION_BUDGET_MS = 2_000;

/** The authority the LRS vouches with: the key that sent the statement, of the named platform (§4.2.4.2). */
export function authorityOf(client: LrsClient, baseUrl: string): Json {
  return { objectType: 'Agent', name: client.platform, account: { homePage: baseUrl, name: client.keyName } };
}

/** Timestamps are kept in UTC (9274.1.1 §4.2.7); the rules have already refused what is not one. */
const utcTimestamp = (value: unknown, stored: string): string => (typeof value === 'string' && isTimestamp(value) ? toUtcTimestamp(value) : typeof value === 'string' ? value : stored);

function prepare(raw: Json, client: LrsClient, stored: Date, baseUrl: string): Json {
  const statement = withArrayContextActivities(raw);
  const storedIso = stored.toISOString();
  const id = typeof raw.id === 'string' ? raw.id.toLowerCase() : raw.id === undefined ? randomUUID() : raw.id;
  return { ...statement, id, timestamp: utcTimestamp(raw.timestamp, storedIso), stored: storedIso, authority: authorityOf(client, baseUrl), version: raw.version ?? XAPI_VERSION };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the columns need, whatever the property rules let through: a bad value is the client's 400, never a database 500. */
function assertStorable(statement: Json, index: StatementIndex): void {
  for (const [name, value] of [['id', statement.id], ['context.registration', index.registration], ['object.id of the StatementRef', index.objectStatementRef]] as const) {
    if (value !== null && (typeof value !== 'string' || !UUID.test(value))) throw new XapiError(400, `The statement's ${name} must be a UUID.`);
  }
  if (Number.isNaN(Date.parse(statement.timestamp as string))) throw new XapiError(400, 'The statement’s timestamp must be an ISO 8601 date and time.');
}

function rowOf(statement: Json, client: LrsClient, stored: Date): NewXapiStatement {
  const index = indexStatement(statement);
  return { organisationId: client.organisationId, id: statement.id as string, statement, stored, timestamp: new Date(statement.timestamp as string), lrsKeyId: client.keyId, ...index };
}

/** The statement resource's use cases (9274.1.1 §4.1.6.1), each scoped to the calling key's organisation. */
export function createXapiStatementService(deps: XapiStatementServiceDeps) {
  const now = deps.now ?? (() => new Date());

  /** A voiding statement may not void a voiding statement (§4.2.5); its target may be unknown or later in the batch. */
  async function checkVoiding(client: LrsClient, rows: NewXapiStatement[], tx: Database): Promise<string[]> {
    const targets = rows.filter((row) => row.voiding && row.objectStatementRef).map((row) => row.objectStatementRef as string);
    const stored = await deps.statements.findStatements(client.organisationId, targets, tx);
    const voidingIds = new Set([...stored.filter((row) => row.voiding).map((row) => row.id), ...rows.filter((row) => row.voiding).map((row) => row.id)]);
    if (targets.some((target) => voidingIds.has(target))) throw new XapiError(400, 'A voiding statement cannot void another voiding statement.');
    return targets;
  }

  /** Stores what is new in one transaction; answers how many completions it queued. */
  async function store(client: LrsClient, prepared: Json[], parts: AttachmentContent[]): Promise<number> {
    const stored = new Date(prepared[0]?.stored as string);
    return inTransaction(deps.db, async (tx) => {
      const existing = new Map((await deps.statements.findStatements(client.organisationId, prepared.map((s) => s.id as string), tx)).map((row) => [row.id, row]));
      for (const statement of prepared) {
        const found = existing.get(statement.id as string);
        if (found && !sameStatement(found.statement, statement)) throw new XapiError(409, `A different statement with id ${String(statement.id)} is already stored; statements cannot change.`);
      }
      const rows = prepared.filter((s) => !existing.has(s.id as string)).map((s) => rowOf(s, client, stored));
      const targets = await checkVoiding(client, rows, tx);
      await deps.statements.insertStatements(rows, tx);
      // Only statements new to the store: a statement sent again changes nothing (§4.1.6.1).
      const queued = (await deps.completions?.enqueue(tx, client, rows.map((row) => row.statement))) ?? 0;
      await deps.activities.mergeDefinitions(client.organisationId, rows.flatMap((row) => activityDefinitionsOf(row.statement as Json)), stored, tx);
      await deps.statements.saveAttachments(parts.map((p) => ({ organisationId: client.organisationId, sha2: p.sha2, contentType: p.contentType, length: p.content.length, content: p.content })), tx);
      await deps.statements.applyVoiding(client.organisationId, targets, rows.filter((row) => !row.voiding).map((row) => row.id), tx);
      return queued;
    });
  }

  /** A request racing this one may store one of the ids first: then compare with what it stored, once. */
  async function storeOnce(client: LrsClient, prepared: Json[], parts: AttachmentContent[]): Promise<number> {
    try {
      return await store(client, prepared, parts);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return store(client, prepared, parts);
    }
  }

  return {
    /** Stores statements all or nothing and answers their ids in order; an id already stored with the same statement changes nothing. */
    async storeStatements(client: LrsClient, statements: unknown[], parts: AttachmentContent[], statementId?: string): Promise<string[]> {
      if (statements.length === 0) throw new XapiError(400, 'Send at least one statement.');
      for (const statement of statements) checkStatement(statement);
      const raw = statements as Json[];
      if (statementId !== undefined) {
        const bodyId = raw[0]?.id;
        if (bodyId !== undefined && String(bodyId).toLowerCase() !== statementId.toLowerCase()) throw new XapiError(400, 'The statement’s id differs from the statementId parameter.');
        raw[0] = { ...raw[0], id: statementId };
      }
      const at = now();
      const prepared = raw.map((statement) => prepare(statement, client, at, deps.baseUrl));
      for (const statement of prepared) assertStorable(statement, indexStatement(statement));
      const ids = prepared.map((s) => s.id as string);
      if (new Set(ids).size !== ids.length) throw new XapiError(400, 'The batch has two statements with the same id.');
      checkAttachmentParts(prepared, parts);
      await checkSignatures(prepared, parts);
      const queued = await storeOnce(client, prepared, parts);
      // Journeys move on before the platform hears back, so the learner sees it at once; what
      // does not fit the budget (a large batch) the server's timer applies moments later.
      if (queued > 0) await deps.completions?.drain(COMPLETION_BUDGET_MS);
      return ids;
    },

    /** One statement by id: with `voided` only a voided one, otherwise only one that is not voided. */
    async getStatement(client: LrsClient, id: string, voided: boolean): Promise<XapiStatementRow | undefined> {
      const [row] = await deps.statements.findStatements(client.organisationId, [id]);
      return row && row.voided === voided ? row : undefined;
    },

    newestSeq: (client: LrsClient) => deps.statements.newestSeq(client.organisationId),
    queryStatements: (client: LrsClient, filter: StatementFilter, page: StatementPage) => deps.statements.queryStatements(client.organisationId, filter, page),
    definitions: (client: LrsClient, activityIds: string[]) => deps.activities.findActivities(client.organisationId, activityIds),
    attachments: (client: LrsClient, sha2s: string[]) => deps.statements.findAttachments(client.organisationId, sha2s),
    now,
  };
}

export type XapiStatementService = ReturnType<typeof createXapiStatementService>;
