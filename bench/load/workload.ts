import autocannon from 'autocannon';
import type { HttpCall, RouteSpec } from './routes.ts';
import { shareOut } from './stats.ts';

/**
 * Runs routes at once against the hub, one autocannon instance per route with its share of the
 * connections, and records each response's latency and status per route.
 */

/** A request unanswered this long counts as an error (a timeout). */
export const TIMEOUT_SECONDS = 10;

export interface Sample {
  /** When the response completed (performance.now() of this process), and how long it took. */
  endedAt: number;
  latencyMs: number;
  status: number;
}

export interface RouteResult {
  route: RouteSpec;
  connections: number;
  seconds: number;
  samples: Sample[];
  /** Answers other than the expected status, plus timeouts and connection errors. */
  errors: number;
  /** When each timeout or connection error happened (performance.now()). */
  failedAt: number[];
  /** The first few unexpected answers, for the report. */
  examples: string[];
}

/** What a browser sends with a signed-in request. */
function toRequest(base: autocannon.Request, call: HttpCall): autocannon.Request {
  const headers: Record<string, string> = {
    cookie: call.person.cookie,
    accept: call.path.startsWith('/api/') ? 'application/json' : 'text/html,application/xhtml+xml',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (!call.form) return { ...base, method: call.method, path: call.path, headers, body: '' };
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return { ...base, method: call.method, path: call.path, headers, body: new URLSearchParams(call.form).toString() };
}

/** One line about an unexpected answer: its status and what the page said. */
function describeAnswer(status: number, body: string, location: unknown): string {
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1]?.replace(/<[^>]+>/g, '').trim();
  const detail = heading ?? body.replace(/\s+/g, ' ').slice(0, 200);
  return `${status}${location ? ` → ${String(location)}` : ''}: ${detail}`;
}

// Every load running now, so an interrupted run can stop hammering the hub before stopping it.
const running = new Set<autocannon.Instance>();

export function stopAllLoad(): void {
  for (const instance of running) instance.stop();
}

export interface RunningRoute {
  result: RouteResult;
  stop(): void;
  done: Promise<RouteResult>;
}

/** Starts one route's load; it runs for `seconds`, or until stopped. */
export function startRoute(baseUrl: string, route: RouteSpec, connections: number, seconds: number): RunningRoute {
  const result: RouteResult = { route, connections, seconds, samples: [], errors: 0, failedAt: [], examples: [] };
  let instance: autocannon.Instance | undefined;
  const done = new Promise<RouteResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        timeout: TIMEOUT_SECONDS,
        requests: [
          {
            setupRequest: (base) => toRequest(base, route.next()),
            onResponse: (status, body, _context, headers) => {
              if (status !== route.expectedStatus && result.examples.length < 3) result.examples.push(describeAnswer(status, body, headers?.location ?? headers?.Location));
            },
          },
        ],
      },
      (error) => {
        if (instance) running.delete(instance);
        if (error) reject(error);
        else resolve(result);
      },
    );
    running.add(instance);
    instance.on('response', (_client, status, _bytes, latencyMs) => {
      result.samples.push({ endedAt: performance.now(), latencyMs, status });
      if (status !== route.expectedStatus) result.errors++;
    });
    instance.on('reqError', (error: unknown) => {
      result.errors++;
      result.failedAt.push(performance.now());
      if (result.examples.length < 3) result.examples.push(`no answer: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  return { result, done, stop: () => instance?.stop() };
}

/** The whole mix for `seconds`, with `connections` shared out by the routes' weights. */
export async function runMixedWorkload(options: { baseUrl: string; routes: readonly RouteSpec[]; connections: number; seconds: number }): Promise<RouteResult[]> {
  const shares = shareOut(options.connections, options.routes.map((r) => r.weight));
  return Promise.all(options.routes.map((route, i) => startRoute(options.baseUrl, route, shares[i] ?? 1, options.seconds).done));
}
