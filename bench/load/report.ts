import type { RouteKind } from './routes.ts';
import { median, summarise } from './stats.ts';
import type { StallReport } from './upload-probe.ts';
import { TIMEOUT_SECONDS } from './workload.ts';
import type { RouteResult } from './workload.ts';

/** Figures from the runs, and the tables the bench prints. Prints; asserts nothing. */

export interface RouteFigures {
  label: string;
  kind: RouteKind;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  examples: string[];
}

export interface MixFigures {
  routes: RouteFigures[];
  /** Signed-in GET pages answered 200, per second. */
  pageViewsPerSecond: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export const TARGETS = { pageViewsPerSecond: 300, p99Ms: 250, errors: 0, uploadProbeP99Ms: 200 } as const;

export function figuresOf(results: readonly RouteResult[]): MixFigures {
  const routes = results.map((r): RouteFigures => {
    const latency = summarise(r.samples.map((s) => s.latencyMs));
    return { label: r.route.label, kind: r.route.kind, connections: r.connections, requests: latency.count, rps: latency.count / r.seconds, p50: latency.p50, p99: latency.p99, max: latency.max, errors: r.errors, examples: r.examples };
  });
  const all = summarise(results.flatMap((r) => r.samples.map((s) => s.latencyMs)));
  const pageViews = results.filter((r) => r.route.kind === 'page').reduce((n, r) => n + r.samples.filter((s) => s.status === 200).length / r.seconds, 0);
  return { routes, pageViewsPerSecond: pageViews, rps: routes.reduce((n, r) => n + r.rps, 0), p50: all.p50, p99: all.p99, errors: routes.reduce((n, r) => n + r.errors, 0) };
}

/** Each figure's median over the rounds (errors: the total), route by route. */
export function medianOf(rounds: readonly MixFigures[]): MixFigures {
  const first = rounds[0];
  if (!first || rounds.length === 1) return first ?? figuresOf([]);
  const m = (pick: (f: MixFigures) => number) => median(rounds.map(pick));
  const routes = first.routes.map((route, i): RouteFigures => {
    const of = (pick: (r: RouteFigures) => number) => median(rounds.map((f) => (f.routes[i] ? pick(f.routes[i]) : NaN)));
    return { ...route, requests: of((r) => r.requests), rps: of((r) => r.rps), p50: of((r) => r.p50), p99: of((r) => r.p99), max: of((r) => r.max), errors: rounds.reduce((n, f) => n + (f.routes[i]?.errors ?? 0), 0), examples: rounds.flatMap((f) => f.routes[i]?.examples ?? []).slice(0, 3) };
  });
  return { routes, pageViewsPerSecond: m((f) => f.pageViewsPerSecond), rps: m((f) => f.rps), p50: m((f) => f.p50), p99: m((f) => f.p99), errors: rounds.reduce((n, f) => n + f.errors, 0) };
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const row = (cells: Array<string | number>, widths: readonly number[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 0) : String(c).padStart(widths[i] ?? 0))).join('  ');
const WIDTHS = [46, 5, 8, 8, 8, 8, 8, 7] as const;

export function printMix(title: string, figures: MixFigures): void {
  console.log(`\n${title}`);
  console.log(row(['route', 'conn', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors'], WIDTHS));
  for (const r of figures.routes) console.log(row([r.label, r.connections, r.requests, r.rps.toFixed(1), ms(r.p50), ms(r.p99), ms(r.max), r.errors], WIDTHS));
  console.log(row(['all requests', '', figures.routes.reduce((n, r) => n + r.requests, 0), figures.rps.toFixed(1), ms(figures.p50), ms(figures.p99), '', figures.errors], WIDTHS));
  console.log(`signed-in page views per second (GET pages answered 200): ${figures.pageViewsPerSecond.toFixed(1)}`);
  console.log(`(errors: any answer but the expected one, 200 or 303 for a save, so a redirect to sign-in counts; and requests unanswered for ${TIMEOUT_SECONDS} s or refused)`);
  for (const r of figures.routes.filter((route) => route.examples.length > 0)) {
    console.log(`  errors on ${r.label}:`);
    for (const example of r.examples) console.log(`    ${example}`);
  }
}

export function printStall(report: StallReport): void {
  console.log('\nUpload stall test: a probe of 10 connections reads factor pages throughout');
  const widths = [30, 6, 8, 8, 8, 7];
  console.log(row(['while', 'probe', 'p50 ms', 'p99 ms', 'max ms', 'errors'], widths) + '   what happened');
  for (const p of report.phases) console.log(row([p.label, p.probe.count, ms(p.probe.p50), ms(p.probe.p99), ms(p.probe.max), p.probe.errors], widths) + `   ${p.outcome}`);
  console.log(`(errors: answers other than 200, and requests unanswered for ${TIMEOUT_SECONDS} s; probe timeouts and connection errors in all: ${report.probeTimeouts})`);
}

function verdict(isMet: boolean): string {
  return isMet ? 'met' : 'NOT MET';
}

export function printTargets(figures: MixFigures, stall: StallReport | undefined): void {
  console.log('\nTargets (issue 10, on a 2-core machine; autocannon runs on the same machine as the hub)');
  console.log(`  signed-in page views/s >= ${TARGETS.pageViewsPerSecond}: ${figures.pageViewsPerSecond.toFixed(1)} (${verdict(figures.pageViewsPerSecond >= TARGETS.pageViewsPerSecond)})`);
  console.log(`  p99 of all requests <= ${TARGETS.p99Ms} ms: ${ms(figures.p99)} ms (${verdict(figures.p99 <= TARGETS.p99Ms)})`);
  console.log(`  errors = ${TARGETS.errors}: ${figures.errors} (${verdict(figures.errors === TARGETS.errors)})`);
  const upload = stall?.phases.find((p) => p.label === 'one 10 MB upload');
  if (!upload) return;
  const judged = upload.outcome.startsWith('FAILED') ? 'not judged: the upload failed' : verdict(upload.probe.p99 <= TARGETS.uploadProbeP99Ms && upload.probe.errors === 0);
  console.log(`  p99 of other requests during a 10 MB upload <= ${TARGETS.uploadProbeP99Ms} ms: ${ms(upload.probe.p99)} ms, ${upload.probe.errors} errors (${judged})`);
}
