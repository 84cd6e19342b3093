import type { PGlite, QueryOptions } from '@electric-sql/pglite';
import { Worker } from 'node:worker_threads';
import type { ErrorFields, QueryResult, RowMode, WorkerRequest, WorkerResponse } from './protocol.ts';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** What Drizzle's PGlite driver calls on a client: queries, multi-statement exec and transactions. */
export interface PgliteLikeClient {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
  exec(sql: string): Promise<QueryResult[]>;
  transaction<T>(work: (tx: PgliteLikeTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
export type PgliteLikeTransaction = Pick<PgliteLikeClient, 'query' | 'exec'>;

/** A database error from the worker, with the driver's fields (code, constraint, detail…) restored. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string, fields: ErrorFields) {
    super(message);
    Object.assign(this, fields);
    this.name = 'EmbeddedDatabaseError';
  }
}

/**
 * The embedded database (PGlite) run in a worker thread, behind the subset of PGlite's interface
 * Drizzle uses. The WebAssembly engine executes queries synchronously, so on the main thread every
 * query (and a 10 MB write most of all) stalled every other request; here it only occupies its own
 * thread, and the main thread routes, renders and streams meanwhile.
 */
export async function startPgliteThread(dataDir: string | null): Promise<PgliteLikeClient & { asPglite(): PGlite }> {
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url));
  const pending = new Map<number, { resolve(response: Extract<WorkerResponse, { ok: true }>): void; reject(error: Error): void }>();
  let nextId = 1;
  let nextTxId = 1;
  let exited: Error | undefined;

  worker.on('message', (response: WorkerResponse) => {
    const waiting = pending.get(response.id);
    if (!waiting) return;
    pending.delete(response.id);
    if (response.ok) waiting.resolve(response);
    else waiting.reject(new EmbeddedDatabaseError(response.message, response.fields));
  });
  const failAll = (error: Error) => {
    exited = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the embedded database thread stopped (exit code ${code})`)));

  function send(request: Request): Promise<Extract<WorkerResponse, { ok: true }>> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  const executor = (txId: number | null): PgliteLikeTransaction => ({
    async query(sql, params = [], options) {
      const rawTypes = Object.keys(options?.parsers ?? {}).map(Number);
      const rowMode: RowMode = options?.rowMode ?? 'object';
      const { result } = await send({ op: 'query', sql, params, rowMode, rawTypes, txId });
      return result as QueryResult;
    },
    async exec(sql) {
      const { result } = await send({ op: 'exec', sql, txId });
      return result as QueryResult[];
    },
  });

  await send({ op: 'open', dataDir });
  const client = {
    ...executor(null),
    async transaction<T>(work: (tx: PgliteLikeTransaction) => Promise<T>): Promise<T> {
      const txId = nextTxId++;
      // Not awaited before the work starts: its first query follows `begin` in the same queue.
      const begun = send({ op: 'begin', txId });
      begun.catch(() => undefined); // a failed BEGIN fails the work's queries; it is rethrown below
      let result: T;
      try {
        result = await work(executor(txId));
      } catch (error) {
        await begun.then(
          () => send({ op: 'end', txId, commit: false }),
          () => undefined,
        );
        throw error;
      }
      await begun;
      await send({ op: 'end', txId, commit: true });
      return result;
    },
    async close() {
      if (!exited) await send({ op: 'close' });
      await worker.terminate();
    },
    // Drizzle's PGlite driver is typed for PGlite itself; it calls only query and transaction.
    asPglite: () => client as unknown as PGlite,
  };
  return client;
}
