/**
 * Streams the synthetic workforce (src/domain/synthetic) as CSV into `\copy … from pstdin` of one
 * `psql` child per table (docs/scale.md §6), so no npm dependency is needed for COPY. The rows are
 * the ones the demo's bulk loader writes (SYNTHETIC_COLUMNS), made here with the same generator.
 * The psql sessions run with `session_replication_role = replica`: no user trigger (view stamps,
 * current levels, rollups) and no foreign-key check fires per row; the backfill does their work once.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { SYNTHETIC_COLUMNS, SYNTHETIC_TABLES } from '../../src/db/synthetic.repository.ts';
import type { SyntheticTable, Value } from '../../src/db/synthetic.repository.ts';
import { placePeople } from '../../src/domain/synthetic/placements.ts';
import { DAY_MS, syntheticHistory } from '../../src/domain/synthetic/synthetic-history.ts';
import type { SyntheticFramework } from '../../src/domain/synthetic/synthetic-history.ts';
import { syntheticWorkforce } from '../../src/domain/synthetic/synthetic-people.ts';
import { passRow } from '../../src/services/demo/demo-synthetic.ts';
import { DEFAULT_SETTINGS } from '../../src/services/journeys/journey.service.ts';
import type { SyntheticPerson } from '../../src/domain/synthetic/synthetic-people.ts';
import { BENCH_SEED } from './fixtures.ts';
import type { Catalogue, Tree } from './fixtures.ts';

const PSQL = process.env.PSQL ?? 'psql';
const FLUSH_BYTES = 1 << 18;
const ADJUST_COMMENT = 'Verified one level below the self-rating for now.';

function csvField(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : Array.isArray(value) ? `{${value.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}` : JSON.stringify(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/** One table's psql child and its pending CSV text; writes wait when the pipe is full. */
class CopyStream {
  private buffer = '';
  readonly child: ChildProcess;
  rows = 0;
  private readonly done: Promise<void>;

  constructor(url: string, table: SyntheticTable) {
    const columns = SYNTHETIC_COLUMNS[table].map((c) => `"${c.name}"`).join(', ');
    this.child = spawn(PSQL, [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy "${table}" (${columns}) from pstdin with (format csv)`], {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, PGOPTIONS: '-c session_replication_role=replica' },
    });
    this.done = once(this.child, 'exit').then(([code]) => {
      if (code !== 0) throw new Error(`psql \\copy into ${table} exited with ${String(code)}`);
    });
  }

  async add(row: readonly Value[]): Promise<void> {
    this.buffer += `${row.map(csvField).join(',')}\n`;
    this.rows += 1;
    if (this.buffer.length >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const stdin = this.child.stdin!;
    const chunk = this.buffer;
    this.buffer = '';
    if (!stdin.write(chunk)) await once(stdin, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    this.child.stdin!.end();
    await this.done;
  }
}

export interface LoadInput {
  url: string;
  people: number;
  tree: Tree;
  catalogue: Catalogue;
  framework: SyntheticFramework;
  now: Date;
  onProgress?: (people: number) => void;
}

type Streams = Record<SyntheticTable, CopyStream>;
interface Who {
  id: string;
  organisationId: string;
  supervisorId: string | null;
}

async function writePerson(s: Streams, input: LoadInput, person: SyntheticPerson, supervisors: Map<number, string>): Promise<Who> {
  const id = randomUUID();
  const organisationId = input.tree.ids.get(person.organisationKey) as string;
  const joined = new Date(input.now.getTime() - 400 * DAY_MS);
  if (person.isSupervisor) supervisors.set(person.index, id);
  const supervisorId = person.supervisorIndex === null ? null : (supervisors.get(person.supervisorIndex) ?? null);
  await s.people.add([id, organisationId, person.email, person.displayName, person.jobTitle, person.isSupervisor ? ['learner', 'supervisor'] : ['learner'], true, joined]);
  await s.profiles.add([id, organisationId, person.archetypes, person.professionalGroup, person.setting, person.clinicalDecisionMaking, joined]);
  if (supervisorId) await s.supervisions.add([organisationId, supervisorId, id, supervisorId, joined]);
  return { id, organisationId, supervisorId };
}

async function writeHistory(s: Streams, input: LoadInput, who: Who, person: SyntheticPerson): Promise<void> {
  const { id: frameworkId, version } = input.framework;
  const history = syntheticHistory(person, input.framework, { seed: BENCH_SEED, now: input.now });
  const ratingIds: string[] = [];
  for (const r of history.ratings) {
    const ratingId = randomUUID();
    ratingIds.push(ratingId);
    await s.topic_ratings.add([ratingId, who.organisationId, who.id, frameworkId, version, r.topicId, r.level, r.ratedAt]);
  }
  if (who.supervisorId) {
    for (const v of history.verifications) {
      const requestId = randomUUID();
      const ratedAt = history.ratings[v.ratingIndex]?.ratedAt ?? null;
      await s.verification_requests.add([requestId, who.organisationId, who.id, who.supervisorId, frameworkId, v.topicId, ratingIds[v.ratingIndex] ?? null, ratedAt, v.requestedAt]);
      await s.verification_decisions.add([who.organisationId, requestId, who.supervisorId, v.outcome, v.level, v.outcome === 'adjusted' ? ADJUST_COMMENT : null, v.decidedAt]);
    }
  }
  const deployments = input.tree.chain(person.organisationKey).flatMap((k) => input.catalogue.deploymentsAt.get(k) ?? []);
  if (history.deployment && deployments.length > 0) {
    const deploymentId = deployments[Math.floor(history.deployment.choice * deployments.length)] as string;
    await s.ai_deployment_users.add([who.organisationId, deploymentId, who.id, 'self', who.id, history.deployment.linkedAt, history.deployment.dueBy]);
    const training = input.catalogue.trainingOf.get(deploymentId);
    if (history.deployment.pass && training) await s.module_attempts.add(passRow(who, training, history.deployment.pass));
  }
  const journey = history.journey;
  const resources = input.catalogue.resources;
  if (!journey) return;
  const journeyId = randomUUID();
  await s.journeys.add([journeyId, who.organisationId, who.id, frameworkId, version, 'active', { ...DEFAULT_SETTINGS }, {}, journey.createdAt]);
  for (let position = 0; position < Math.min(journey.items, resources.length); position++) {
    const done = position < journey.completed;
    const completedAt = done ? new Date(journey.createdAt.getTime() + (position + 1) * 3 * DAY_MS) : null;
    await s.journey_items.add([who.organisationId, journeyId, resources[(person.index + position) % resources.length] as string, position, [], done ? 'completed' : 'planned', 'plan', journey.createdAt, completedAt, completedAt]);
  }
}

/** Generates and copies everyone; returns the rows written per table. */
export async function copyWorkforce(input: LoadInput): Promise<Record<SyntheticTable, number>> {
  const streams = Object.fromEntries(SYNTHETIC_TABLES.map((t) => [t, new CopyStream(input.url, t)])) as Streams;
  const targets = input.tree.organisations.map((o) => ({ key: o.key, kind: o.kind, setting: o.setting }));
  const supervisors = new Map<number, string>();
  let count = 0;
  try {
    for (const person of syntheticWorkforce(placePeople(targets, input.people, { seed: BENCH_SEED, skew: true }), { seed: BENCH_SEED, emailPrefix: 'bench' })) {
      const who = await writePerson(streams, input, person, supervisors);
      await writeHistory(streams, input, who, person);
      if (++count % 10000 === 0) input.onProgress?.(count);
    }
  } finally {
    // Parents' streams are closed first only for tidiness: with no FK checks the order does not matter.
    for (const table of SYNTHETIC_TABLES) await streams[table].end();
  }
  return Object.fromEntries(SYNTHETIC_TABLES.map((t) => [t, streams[t].rows])) as Record<SyntheticTable, number>;
}
