import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

export interface RowWrite {
  table: string;
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
}

/**
 * Records every committed row change in every table of a test database, so a test can ask "did
 * that request write anything?" with one indexed read instead of checksumming the whole database.
 * Row-level AFTER triggers write into the same transaction as the change, so a rolled-back
 * transaction leaves no record, exactly like the change itself. Test databases only.
 */
export async function startRowWriteLog(db: Database) {
  await db.execute(sql.raw('create table test_row_writes (id bigserial primary key, table_name text not null, operation text not null)'));
  await db.execute(
    sql.raw(`create function test_note_row_write() returns trigger language plpgsql as $$
      begin
        insert into test_row_writes (table_name, operation) values (TG_TABLE_NAME, TG_OP);
        return null;
      end $$`),
  );
  await db.execute(
    sql.raw(`do $$
      declare t record;
      begin
        -- Partitions (of topic_ratings) get the trigger as clones of their parent's.
        for t in select c.relname as tablename from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> 'test_row_writes' loop
          execute format('create trigger test_row_write after insert or update or delete on %I for each row execute function test_note_row_write()', t.tablename);
        end loop;
      end $$`),
  );
  let lastSeen = 0;

  return {
    /** The row changes committed since the last call (or since the log started). */
    async writesSinceLastCheck(): Promise<RowWrite[]> {
      const rows = await queryRows<{ position: string; table_name: string; operation: RowWrite['operation'] }>(
        db,
        sql`select id::text as position, table_name, operation from test_row_writes where id > ${lastSeen} order by test_row_writes.id`,
      );
      if (rows.length > 0) lastSeen = Number(rows.at(-1)!.position);
      return rows.map((r) => ({ table: r.table_name, operation: r.operation }));
    },
  };
}

export type RowWriteLog = Awaited<ReturnType<typeof startRowWriteLog>>;

/** Rows of a raw query; both drivers answer `{ rows }`, which Drizzle's common type does not promise. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
