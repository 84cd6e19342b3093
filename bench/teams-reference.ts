/**
 * A second, independent optimum for the team plan bench: the instance written straight from the
 * request as CPLEX LP text (nothing shared with team-plan.ts's problem building or
 * team-plan-exact.ts's model) and solved by HiGHS's one-shot API. If the two proven optima ever
 * disagree, one of the models is wrong, and the bench says so.
 *
 *   y[m,q] <= sum of x[m,r] over resources r that close q for m     (m a candidate of q)
 *   x[m,r] <= x[m,p]                                                   (p a prerequisite of r)
 *   sum over m of y[m,q] + s[q] >= shortfall[q]
 *   sum over r of minutes[r] x[m,r] <= 60 hoursLimit[m]
 * Minimise minutes·x + BIG·s, BIG above any plan's minutes, so more holders always come first.
 */
import type { Highs } from 'highs';
import type { TeamPlanRequest } from '../src/domain/teams/team-plan.ts';

export interface ReferenceOptimum {
  holders: number;
  minutes: number;
}

/** Columns x<m>_<r> only for a (member, resource) pair some closing resource of that member needs, prerequisites included. */
function takeable(request: TeamPlanRequest): Array<Set<number>> {
  const resourceIndex = new Map(request.resources.map((r, i) => [r.id, i]));
  return request.members.map((member) => {
    const taken = new Set<number>();
    const visit = (r: number): void => {
      if (taken.has(r)) return;
      taken.add(r);
      for (const p of request.resources[r]?.prerequisites ?? []) {
        const index = resourceIndex.get(p);
        if (index !== undefined) visit(index);
      }
    };
    request.resources.forEach((resource, r) => (resource.closes[member.id]?.length ?? 0) > 0 && visit(r));
    return taken;
  });
}

export function teamLpText(request: TeamPlanRequest): string {
  const taken = takeable(request);
  const resourceIndex = new Map(request.resources.map((r, i) => [r.id, i]));
  const memberIndex = new Map(request.members.map((m, i) => [m.id, i]));
  const x = (m: number, r: number): string => `x${m}_${r}`;
  const big = request.members.length * request.resources.reduce((sum, r) => sum + r.minutes, 0) + 1;
  const cost: string[] = [];
  taken.forEach((resources, m) => resources.forEach((r) => cost.push(`${request.resources[r]?.minutes} ${x(m, r)}`)));
  const rows: string[] = [];
  const binaries = taken.flatMap((resources, m) => [...resources].map((r) => x(m, r)));
  request.requirements.forEach((q, qi) => {
    if (q.shortfall <= 0) return;
    const ys: string[] = [];
    for (const memberId of new Set(q.candidates)) {
      const m = memberIndex.get(memberId);
      if (m === undefined) continue;
      const closers = request.resources.flatMap((r, ri) => (r.closes[memberId]?.includes(q.id) ? [x(m, ri)] : []));
      if (closers.length === 0) continue;
      rows.push(` l${m}_${qi}: y${m}_${qi} - ${closers.join(' - ')} <= 0`);
      ys.push(`y${m}_${qi}`);
      binaries.push(`y${m}_${qi}`);
    }
    cost.push(`${big} s${qi}`);
    rows.push(` t${qi}: ${[...ys, `s${qi}`].join(' + ')} >= ${q.shortfall}`);
  });
  taken.forEach((resources, m) =>
    resources.forEach((r) => {
      for (const p of new Set(request.resources[r]?.prerequisites)) {
        const pi = resourceIndex.get(p);
        if (pi !== undefined && pi !== r) rows.push(` p${m}_${r}_${pi}: ${x(m, r)} - ${x(m, pi)} <= 0`);
      }
    }),
  );
  request.members.forEach((member, m) => {
    const mine = [...(taken[m] ?? [])].map((r) => `${request.resources[r]?.minutes} ${x(m, r)}`);
    if (member.hoursLimit !== undefined && mine.length > 0) rows.push(` h${m}: ${mine.join(' + ')} <= ${member.hoursLimit * 60}`);
  });
  const slacks = request.requirements.flatMap((q, qi) => (q.shortfall > 0 ? [` 0 <= s${qi} <= ${q.shortfall}`] : []));
  return ['Minimize', ` obj: ${cost.join(' + ') || '0 zero'}`, 'Subject To', ...(rows.length > 0 ? rows : [' none: zero >= 0']), 'Bounds', ' zero = 0', ...slacks, 'General', ...request.requirements.flatMap((q, qi) => (q.shortfall > 0 ? [` s${qi}`] : [])), 'Binary', ` ${binaries.join(' ')}`, 'End'].join('\n');
}

/** Proven optimum: holders found (per requirement at most its shortfall) and minutes; undefined if not proven. */
export function referenceTeamOptimum(highs: Highs, request: TeamPlanRequest, seconds?: number): ReferenceOptimum | undefined {
  const result = highs.solve(teamLpText(request), { mip_rel_gap: 0, mip_abs_gap: 0.99, ...(seconds === undefined ? {} : { time_limit: seconds }) });
  if (result.Status !== 'Optimal') return undefined;
  const value = (name: string): number => Math.round(result.Columns[name]?.Primal ?? 0);
  const holders = request.requirements.reduce((sum, q, qi) => sum + (q.shortfall > 0 ? q.shortfall - value(`s${qi}`) : 0), 0);
  const minutes = Object.keys(result.Columns).filter((name) => name.startsWith('x')).reduce((sum, name) => sum + value(name) * (request.resources[Number(name.split('_')[1])]?.minutes ?? 0), 0);
  return { holders, minutes };
}
