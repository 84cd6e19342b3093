import { eq, sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { organisations } from '../src/db/schema.ts';
import { isUniqueViolation } from '../src/db/unique-violation.ts';

/** The embedded database in its own thread: what Drizzle relies on must behave as PGlite does in-thread. */
describe('the embedded database in a worker thread', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'memory', inWorker: true });
    await database.migrate();
  });
  afterAll(() => database.close());

  const newOrganisation = (name: string) => ({ kind: 'trust' as const, name, parentId: null });
  const countNamed = async (name: string) => (await database.db.select().from(organisations).where(eq(organisations.name, name))).length;

  it('commits a transaction, and rolls back one that throws, leaving nothing of it', async () => {
    await database.db.transaction(async (tx) => {
      await tx.insert(organisations).values(newOrganisation('Committed Trust'));
    });
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(organisations).values(newOrganisation('Rolled Back Trust'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await countNamed('Committed Trust')).toBe(1);
    expect(await countNamed('Rolled Back Trust')).toBe(0);
  });

  it('rolls back a nested transaction (a savepoint) alone', async () => {
    await database.db.transaction(async (tx) => {
      await tx.insert(organisations).values(newOrganisation('Outer Trust'));
      await tx
        .transaction(async (inner) => {
          await inner.insert(organisations).values(newOrganisation('Inner Trust'));
          throw new Error('inner only');
        })
        .catch(() => undefined);
    });
    expect(await countNamed('Outer Trust')).toBe(1);
    expect(await countNamed('Inner Trust')).toBe(0);
  });

  it('keeps the database error code, so a unique violation is recognised, and carries on after it', async () => {
    const [row] = await database.db.insert(organisations).values(newOrganisation('Unique Trust')).returning();
    const duplicate = await database.db
      .insert(organisations)
      .values({ ...newOrganisation('Duplicate'), id: row!.id })
      .then(() => undefined, (error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(await countNamed('Unique Trust')).toBe(1);
  });

  it('makes a query from outside wait until an open transaction ends', async () => {
    const order: string[] = [];
    let releaseTransaction!: () => void;
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    const transaction = database.db.transaction(async (tx) => {
      await tx.insert(organisations).values(newOrganisation('Held Trust'));
      order.push('inserted');
      await held;
      order.push('committing');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = countNamed('Held Trust').then((n) => order.push(`outside saw ${n}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseTransaction();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['inserted', 'committing', 'outside saw 1']);
  });

  it('leaves the main thread free while a long query runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await database.db.execute(sql`select count(*) from generate_series(1, 3000000)`);
    clearInterval(timer);
    // On the main thread the engine would hold the event loop for the whole query: no tick at all.
    expect(ticks).toBeGreaterThan(3);
  });
});

describe('an embedded database in a folder', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps what was written for the next start', async () => {
    const first = await openDatabase({ kind: 'embedded', dataDir });
    await first.migrate();
    await first.db.insert(organisations).values({ kind: 'trust', name: 'Persistent Trust', parentId: null });
    await first.close();
    const second = await openDatabase({ kind: 'embedded', dataDir });
    const rows = await second.db.select().from(organisations).where(eq(organisations.name, 'Persistent Trust'));
    await second.close();
    expect(rows).toHaveLength(1);
  });
});
