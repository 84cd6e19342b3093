import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ErrorFields, QueryResult, WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly: every query
 * runs synchronously on the thread that owns it, so here it stalls nobody but this thread.
 * Transactions stay open across messages: `begin` parks PGlite's transaction callback until `end`.
 * The main thread names each transaction and sends its first query straight after `begin` without
 * waiting, so a transaction holds the database for one round trip fewer; its queries wait here
 * until PGlite has entered it.
 */
if (!parentPort) throw new Error('pglite-worker must run as a worker thread');
const port = parentPort;

let database: PGlite | undefined;
interface OpenTransaction {
  /** Resolves once PGlite has run BEGIN for it; rejects if it never could. */
  entered: Promise<Transaction>;
  finish(commit: boolean): void;
  settled: Promise<unknown>;
}
const openTransactions = new Map<number, OpenTransaction>();
const ROLLBACK = Symbol('rollback');

/**
 * Types Drizzle asks PGlite to leave as text on every query (timestamps, dates, intervals, numeric
 * and their arrays) so it can parse them itself; see drizzle-orm/pglite/session.js.
 */
const DRIZZLE_RAW_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];
const passThrough = (oids: readonly number[]) => Object.fromEntries(oids.map((oid) => [oid, (value: string) => value]));

function requireDatabase(): PGlite {
  if (!database) throw new Error('the embedded database is not open');
  return database;
}

async function executorFor(txId: number | null): Promise<Pick<Transaction, 'query' | 'exec'>> {
  if (txId === null) return requireDatabase();
  const open = openTransactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.entered;
}

function plainResult(result: QueryResult): QueryResult {
  return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
}

/** Registers the transaction at once (its queries may follow before BEGIN has run) and answers once entered. */
function begin(txId: number): Promise<Transaction> {
  let markEntered!: (tx: Transaction) => void;
  let finish!: (commit: boolean) => void;
  const entered = new Promise<Transaction>((resolve) => (markEntered = resolve));
  const settled: Promise<unknown> = requireDatabase()
    .transaction(
      (tx) =>
        new Promise<void>((resolve, reject) => {
          finish = (commit) => (commit ? resolve() : reject(ROLLBACK));
          markEntered(tx);
        }),
    )
    .finally(() => openTransactions.delete(txId));
  settled.catch(() => undefined); // reported by `end`, or through `entered` when BEGIN failed
  const enteredOrFailed = Promise.race([entered, settled.then(() => Promise.reject(new Error('the transaction ended before it began')))]);
  enteredOrFailed.catch(() => undefined);
  openTransactions.set(txId, { entered: enteredOrFailed, finish: (commit) => finish(commit), settled });
  return enteredOrFailed;
}

async function end(txId: number, commit: boolean): Promise<void> {
  const open = openTransactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  await open.entered;
  open.finish(commit);
  try {
    await open.settled;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
}

async function handle(request: WorkerRequest): Promise<Omit<Extract<WorkerResponse, { ok: true }>, 'id' | 'ok'>> {
  switch (request.op) {
    case 'open':
      if (request.dataDir) mkdirSync(request.dataDir, { recursive: true });
      database = await PGlite.create(request.dataDir ?? undefined, { parsers: passThrough(DRIZZLE_RAW_TYPES) });
      return {};
    case 'query': {
      // Per-query parsers cost PGlite as much again as a small query; the usual ones are set once at open.
      const extra = request.rawTypes.filter((oid) => !DRIZZLE_RAW_TYPES.includes(oid));
      const options = extra.length > 0 ? { rowMode: request.rowMode, parsers: passThrough(extra) } : { rowMode: request.rowMode };
      const result = await (await executorFor(request.txId)).query(request.sql, request.params, options);
      return { result: plainResult(result as QueryResult) };
    }
    case 'exec':
      return { result: (await (await executorFor(request.txId)).exec(request.sql)).map((r) => plainResult(r as QueryResult)) };
    case 'begin':
      await begin(request.txId);
      return {};
    case 'end':
      await end(request.txId, request.commit);
      return {};
    case 'close':
      await database?.close();
      database = undefined;
      return {};
  }
}

function errorFields(error: unknown): ErrorFields {
  const fields: ErrorFields = {};
  if (typeof error !== 'object' || error === null) return fields;
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return fields;
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (answer) => port.postMessage({ id: request.id, ok: true, ...answer } satisfies WorkerResponse),
    (error: unknown) =>
      port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), fields: errorFields(error) } satisfies WorkerResponse),
  );
});
