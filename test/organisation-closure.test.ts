import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { createRepositories } from '../src/db/index.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const MIGRATIONS = fileURLToPath(new URL('../src/db/migrations', import.meta.url));
const MAINTAINED = 'organisation_closure_maintained';

type Pair = { ancestor_id: string; descendant_id: string; depth: number };
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The backfill statement of the custom migration, exactly as it ships. */
function backfillSql(): string {
  const file = readFileSync(join(MIGRATIONS, `${journal().entries.find((e) => e.tag.endsWith(MAINTAINED))?.tag}.sql`), 'utf8');
  const statement = file.split('--> statement-breakpoint').find((s) => s.includes('INSERT INTO organisation_closure') && s.includes('WITH RECURSIVE'));
  if (!statement) throw new Error('the closure migration has no backfill');
  return statement;
}

function journal(): { entries: Array<{ tag: string }> } {
  return JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
}

async function closureOf(db: Database): Promise<string[]> {
  const rows = rowsOf<Pair>(await db.execute(sql`select ancestor_id, descendant_id, depth from organisation_closure`));
  return rows.map((r) => `${r.ancestor_id}>${r.descendant_id}@${Number(r.depth)}`).sort();
}

/** The recursive walks the repository used before the closure table, as the reference answers. */
async function walkedSubtreeIds(db: Database, rootId: string): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive subtree(id) as (
      select id from organisations where id = ${rootId}
      union all
      select o.id from organisations o join subtree s on o.parent_id = s.id
    )
    select id from subtree`);
  return rowsOf<{ id: string }>(result).map((r) => r.id).sort();
}

async function walkedIsWithin(db: Database, rootId: string, organisationId: string): Promise<boolean> {
  const result = await db.execute(sql`
    with recursive chain(id, parent_id) as (
      select id, parent_id from organisations where id = ${organisationId}
      union all
      select o.id, o.parent_id from organisations o join chain c on o.id = c.parent_id
    )
    select exists(select 1 from chain where id = ${rootId}) as inside`);
  return rowsOf<{ inside: boolean }>(result)[0]?.inside === true;
}

/** A small deterministic generator, so a failing tree can be rebuilt. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe.each(databaseTargets())('organisation closure on $name', (target) => {
  let hub: TestHub;
  const db = () => hub.database.db;
  const repository = () => createRepositories(db()).organisations;

  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(() => hub.close());

  it('holds each organisation with every ancestor and the steps between them', async () => {
    const create = hub.services.organisations.createOrganisation;
    const national = await create({ kind: 'national', name: 'NHS England closure', parentId: null });
    const region = await create({ kind: 'region', name: 'North', parentId: national.id });
    const ics = await create({ kind: 'integrated-care-system', name: 'North ICS', parentId: region.id });
    const trust = await create({ kind: 'trust', name: 'North Trust', parentId: ics.id });
    const team = await create({ kind: 'team', name: 'Radiology', parentId: trust.id });
    const partner = await create({ kind: 'partner', name: 'Triadix', parentId: trust.id });

    const ancestorsOfTeam = rowsOf<Pair>(await db().execute(sql`select ancestor_id, depth from organisation_closure where descendant_id = ${team.id} order by depth`));
    expect(ancestorsOfTeam.map((r) => [r.ancestor_id, Number(r.depth)])).toEqual([[team.id, 0], [trust.id, 1], [ics.id, 2], [region.id, 3], [national.id, 4]]);
    expect((await repository().listAncestry(partner.id)).map((o) => o.name)).toEqual(['Triadix', 'North Trust', 'North ICS', 'North', 'NHS England closure']);
    expect((await repository().listSubtreeIds(trust.id)).sort()).toEqual([trust.id, team.id, partner.id].sort());
    expect(await repository().listSubtreeIds(national.id)).toHaveLength(6);
    expect(await repository().isWithinSubtree(trust.id, partner.id)).toBe(true);
    expect(await repository().isWithinSubtree(national.id, team.id)).toBe(true);
    expect(await repository().isWithinSubtree(team.id, team.id)).toBe(true);
    expect(await repository().isWithinSubtree(team.id, partner.id)).toBe(false);
    expect(await repository().isWithinSubtree(partner.id, trust.id)).toBe(false);
  });

  it('answers as the recursive walk did on a random tree of 200 organisations', async () => {
    const random = seeded(20261205);
    const root = await repository().insertOrganisation({ kind: 'national', name: 'Random nation', parentId: null });
    const ids = [root.id];
    const parentOf = new Map<string, string>();
    for (let i = 1; i < 200; i++) {
      const parentId = ids[Math.floor(random() * ids.length)] ?? root.id;
      const { id } = await repository().insertOrganisation({ kind: 'team', name: `Organisation ${i}`, parentId });
      ids.push(id);
      parentOf.set(id, parentId);
    }
    for (const id of ids) expect((await repository().listSubtreeIds(id)).sort(), id).toEqual(await walkedSubtreeIds(db(), id));
    const pick = () => ids[Math.floor(random() * ids.length)] ?? root.id;
    /** Half the pairs are an organisation and one of its ancestors, as random pairs seldom are. */
    const pair = (i: number): [string, string] => {
      const below = pick();
      if (i % 2 === 1) return [pick(), below];
      let above = below;
      for (let steps = Math.floor(random() * 4); steps > 0; steps--) above = parentOf.get(above) ?? above;
      return [above, below];
    };
    let inside = 0;
    for (let i = 0; i < 300; i++) {
      const [a, b] = pair(i);
      const expected = await walkedIsWithin(db(), a, b);
      if (expected) inside += 1;
      expect(await repository().isWithinSubtree(a, b), `${a} over ${b}`).toBe(expected);
    }
    // The sample must exercise both answers, or it proves little.
    expect(inside).toBeGreaterThan(10);
    expect(inside).toBeLessThan(300);
  });

  it('refuses to move an organisation to another parent, which would leave the closure wrong', async () => {
    const create = hub.services.organisations.createOrganisation;
    const national = await create({ kind: 'national', name: 'NHS England move', parentId: null });
    const east = await create({ kind: 'region', name: 'East', parentId: national.id });
    const west = await create({ kind: 'region', name: 'West', parentId: national.id });
    const ics = await create({ kind: 'integrated-care-system', name: 'East ICS', parentId: east.id });
    await expect(db().execute(sql`update organisations set parent_id = ${west.id} where id = ${ics.id}`)).rejects.toThrow();
    await db().execute(sql`update organisations set name = 'East and Coast ICS' where id = ${ics.id}`);
    expect(await repository().isWithinSubtree(east.id, ics.id)).toBe(true);
    expect(await repository().isWithinSubtree(west.id, ics.id)).toBe(false);
  });

  it('rebuilds the same closure from the organisations with the backfill', async () => {
    const kept = await closureOf(db());
    expect(kept.length).toBeGreaterThan(200);
    await db().execute(sql`delete from organisation_closure`);
    await db().execute(sql.raw(backfillSql()));
    expect(await closureOf(db())).toEqual(kept);
    await db().execute(sql.raw(backfillSql()));
    expect(await closureOf(db())).toEqual(kept);
  });
});

describe('the closure migration on a database whose organisations came first', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'migrations-before-closure-'));
    cpSync(MIGRATIONS, folder, { recursive: true });
    const entries = journal().entries;
    const cut = entries.findIndex((e) => e.tag.endsWith('_organisation_closure'));
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal(), entries: entries.slice(0, cut) }));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('backfills every organisation with its ancestors', async () => {
    const client = await PGlite.create();
    try {
      const db = drizzle(client) as unknown as Database;
      await migrate(drizzle(client), { migrationsFolder: folder });
      await db.execute(sql`insert into organisations (id, parent_id, kind, name) values
        ('00000000-0000-4000-8000-000000000001', null, 'national', 'Nation'),
        ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'region', 'Region'),
        ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'integrated-care-system', 'ICS'),
        ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', 'trust', 'Trust'),
        ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000002', 'integrated-care-system', 'Other ICS')`);
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
      const pairs = (await closureOf(db)).map((p) => p.replaceAll('00000000-0000-4000-8000-00000000000', ''));
      expect(pairs).toEqual(['1>1@0', '1>2@1', '1>3@2', '1>4@3', '1>5@2', '2>2@0', '2>3@1', '2>4@2', '2>5@1', '3>3@0', '3>4@1', '4>4@0', '5>5@0']);
      // And the trigger carries on from there.
      await db.execute(sql`insert into organisations (id, parent_id, kind, name) values ('00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000004', 'team', 'Team')`);
      expect((await closureOf(db)).filter((p) => p.includes('>00000000-0000-4000-8000-000000000006')).map((p) => p.replaceAll('00000000-0000-4000-8000-00000000000', ''))).toEqual(['1>6@4', '2>6@3', '3>6@2', '4>6@1', '6>6@0']);
    } finally {
      await client.close();
    }
  });
});
