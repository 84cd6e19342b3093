import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from './support/cli-runner.ts';

const EXAMPLE = path.resolve(import.meta.dirname, '../examples/team-plan-instance.json');

interface Instance {
  requirements: Array<{ id: string; shortfall: number; candidates: string[] }>;
  members: Array<{ id: string; hoursLimit?: number }>;
  resources: Array<{ id: string; minutes: number; prerequisites: string[]; closes: Record<string, string[]> }>;
}

interface Plan {
  assignments: Array<{ memberId: string; resourceIds: string[]; closes: string[] }>;
  totalMinutes: number;
  unclosable: string[];
  shortfallLeft: unknown[];
  solver: string;
  optimal: boolean;
}

/** Holders gained per requirement, recomputed from the instance itself, not from the plan's own `closes`. */
function holdersGained(instance: Instance, plan: Plan): Map<string, Set<string>> {
  const gained = new Map<string, Set<string>>();
  for (const { memberId, resourceIds } of plan.assignments) {
    for (const resourceId of resourceIds) {
      const resource = instance.resources.find((r) => r.id === resourceId);
      for (const requirement of resource?.closes[memberId] ?? []) {
        const candidates = instance.requirements.find((q) => q.id === requirement)?.candidates ?? [];
        if (candidates.includes(memberId)) gained.set(requirement, (gained.get(requirement) ?? new Set()).add(memberId));
      }
    }
  }
  return gained;
}

describe('confidence-hub team plan', () => {
  let workDir: string;
  const file = (name: string, content: unknown): string => {
    const target = path.join(workDir, name);
    writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  };
  const example = (): Instance => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Instance;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-team-cli-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('plans the worked example so every closable requirement reaches its shortfall, within hours and with prerequisites first', async () => {
    const result = await run('team', 'plan', '--instance', EXAMPLE);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const plan = JSON.parse(result.stdout) as Plan;
    const instance = example();
    expect(plan).toMatchObject({ solver: 'exact', optimal: true, unclosable: ['a5-23'], shortfallLeft: [] });
    const gained = holdersGained(instance, plan);
    for (const q of instance.requirements.filter((r) => r.id !== 'a5-23')) expect(gained.get(q.id)?.size ?? 0, q.id).toBeGreaterThanOrEqual(q.shortfall);
    const minutes = (ids: string[]): number => ids.reduce((sum, id) => sum + (instance.resources.find((r) => r.id === id)?.minutes ?? 0), 0);
    expect(plan.totalMinutes).toBe(plan.assignments.reduce((sum, a) => sum + minutes(a.resourceIds), 0));
    expect(plan.totalMinutes).toBe(495);
    const amara = plan.assignments.find((a) => a.memberId === 'amara');
    expect(minutes(amara?.resourceIds ?? [])).toBeLessThanOrEqual(4 * 60);
    for (const { resourceIds } of plan.assignments) {
      if (resourceIds.includes('performance-metrics')) expect(resourceIds.indexOf('intro-to-ml')).toBeLessThan(resourceIds.indexOf('performance-metrics'));
    }
  });

  it('takes a time limit and says when the answer is greedy and unproven', async () => {
    const result = await run('team', 'plan', '--instance', EXAMPLE, '--time-limit-ms', '0');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ solver: 'greedy', optimal: false, shortfallLeft: [] });
  });

  const base = (): Instance => example();
  it.each([
    ['a negative shortfall', (i: Instance) => (i.requirements[0]!.shortfall = -1), /requirements\[0\] "a5-16"\.shortfall/],
    ['minutes given as text', (i: Instance) => ((i.resources[0] as { minutes: unknown }).minutes = '45'), /resources\[0\] "evidence-standards"\.minutes/],
    ['a candidate who is not a member', (i: Instance) => i.requirements[1]!.candidates.push('ghost'), /requirements\[1\] "a5-18"\.candidates\[2\]: unknown member "ghost"/],
    ['closes for an unknown requirement', (i: Instance) => (i.resources[3]!.closes['kieran'] = ['a9-99']), /resources\[3\] "error-and-bias"\.closes\.kieran\[0\]: unknown requirement "a9-99"/],
    ['closes for an unknown member', (i: Instance) => (i.resources[0]!.closes['nobody'] = ['a5-16']), /resources\[0\] "evidence-standards"\.closes\.nobody: unknown member "nobody"/],
    ['a duplicate member', (i: Instance) => i.members.push({ id: 'ruth' }), /members\[3\] "ruth"\.id: duplicate id "ruth"/],
    ['negative hours', (i: Instance) => (i.members[1]!.hoursLimit = -2), /members\[1\] "amara"\.hoursLimit/],
  ])('rejects an instance with %s (exit 2), naming the field', async (_, spoil, message) => {
    const instance = base();
    spoil(instance);
    const result = await run('team', 'plan', '--instance', file('invalid.json', instance));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('is not a valid team planning instance');
    expect(result.stderr).toMatch(message);
  });

  it.each([
    ['a file that is not JSON', ['--instance', 'NOT_JSON'], /is not valid JSON/],
    ['a missing file', ['--instance', 'MISSING'], /Cannot read instance file .*ENOENT/],
    ['a negative time limit', ['--instance', 'EXAMPLE', '--time-limit-ms', '-3'], /--time-limit-ms must be a number >= 0, not "-3"/],
  ])('rejects %s (exit 2)', async (_, args, message) => {
    const paths: Record<string, string> = { NOT_JSON: file('broken.json', '{ "members": ['), MISSING: path.join(workDir, 'nope.json'), EXAMPLE };
    const result = await run('team', 'plan', ...args.map((a) => paths[a] ?? a));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('requires --instance', async () => {
    const result = await run('team', 'plan');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("required option '--instance <file>' not specified");
  });
});
