/**
 * Messages between the hub's main thread and the thread that runs the embedded database (PGlite).
 * Everything crosses by structured clone, so values are plain data: parser functions stay behind
 * and are named by the type ids whose text should be passed through unparsed.
 */
export type RowMode = 'array' | 'object';

export type WorkerRequest =
  | { id: number; op: 'open'; dataDir: string | null }
  | { id: number; op: 'query'; sql: string; params: unknown[]; rowMode: RowMode; rawTypes: number[]; txId: number | null }
  | { id: number; op: 'exec'; sql: string; txId: number | null }
  | { id: number; op: 'begin'; txId: number }
  | { id: number; op: 'end'; txId: number; commit: boolean }
  | { id: number; op: 'close' };

export interface QueryResult {
  rows: unknown[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

/** A database error's SQLSTATE and details (code, constraint, …), so callers can tell a unique violation. */
export type ErrorFields = Record<string, string | number | undefined>;

export type WorkerResponse =
  | { id: number; ok: true; result?: QueryResult | QueryResult[] }
  | { id: number; ok: false; message: string; fields: ErrorFields };
