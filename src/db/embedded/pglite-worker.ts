import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ErrorFields, QueryResult, WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly: every query
 * runs synchronously on the thread that owns it, so here it stalls nobody but this thread.
 * Transactions stay open across messages: `begin` parks PGlite's transaction callback until `end`.
 */
if (!parentPort) throw new Error('pglite-worker must run as a worker thread');
const port = parentPort;

let database: PGlite | undefined;
let nextTxId = 1;
const openTransactions = new Map<number, { tx: Transaction; finish(commit: boolean): void; settled: Promise<unknown> }>();
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

function executorFor(txId: number | null): Pick<Transaction, 'query' | 'exec'> {
  if (txId === null) return requireDatabase();
  const open = openTransactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.tx;
}

function plainResult(result: QueryResult): QueryResult {
  return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
}

/** Starts a transaction and answers once PGlite has entered it (other work waits behind it from then). */
function begin(): Promise<number> {
  const txId = nextTxId++;
  return new Promise<number>((entered, failed) => {
    let hasEntered = false;
    const settled: Promise<unknown> = requireDatabase()
      .transaction(
        (tx) =>
          new Promise<void>((resolve, reject) => {
            hasEntered = true;
            openTransactions.set(txId, { tx, finish: (commit) => (commit ? resolve() : reject(ROLLBACK)), settled });
            entered(txId);
          }),
      )
      .finally(() => openTransactions.delete(txId));
    // Before entering, a failure (BEGIN refused) is the answer to `begin`; after, `end` reports it.
    settled.catch((error: unknown) => {
      if (!hasEntered) failed(error);
    });
  });
}

async function end(txId: number, commit: boolean): Promise<void> {
  const open = openTransactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
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
      const result = await executorFor(request.txId).query(request.sql, request.params, options);
      return { result: plainResult(result as QueryResult) };
    }
    case 'exec':
      return { result: (await executorFor(request.txId).exec(request.sql)).map((r) => plainResult(r as QueryResult)) };
    case 'begin':
      return { txId: await begin() };
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
