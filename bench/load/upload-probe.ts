import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchLearner } from './bench-people.ts';
import { largePdf } from './evidence-file.ts';
import { probeRoute } from './routes.ts';
import { summarise } from './stats.ts';
import type { LatencySummary } from './stats.ts';
import { startRoute, TIMEOUT_SECONDS } from './workload.ts';
import type { RouteResult } from './workload.ts';

/**
 * Does a large upload stall everyone else? A light probe load reads factor pages throughout while
 * one learner uploads a 10 MB evidence file over HTTP (as a browser's multipart form), downloads
 * it, then uploads three at once. Reports each step's time and the probe's latency during it.
 */

/** 10 MB, under the hub's 10 MiB limit. */
export const UPLOAD_BYTES = 10_000_000;
const PROBE_CONNECTIONS = 10;
const BASELINE_MS = 3000;
const SETTLE_MS = 1000;

export interface StallPhase {
  label: string;
  /** What happened: the answer and how long it took. */
  outcome: string;
  probe: LatencySummary & { errors: number };
}

export interface StallReport {
  phases: StallPhase[];
  probeTimeouts: number;
}

interface Answer {
  ms: number;
  status: number;
  location: string | null;
  body: string;
}

function errorSummaryOf(html: string): string {
  const items = [...html.matchAll(/<li>\s*<a[^>]*>([\s\S]*?)<\/a>\s*<\/li>/g)].map((m) => m[1]?.trim());
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '').trim();
  return (items.length > 0 ? items.join('; ') : heading) ?? html.replace(/\s+/g, ' ').slice(0, 300);
}

async function upload(baseUrl: string, learner: BenchLearner, topicId: string, file: Buffer, title: string): Promise<Answer> {
  // Fields in the order the page's form has them; the file last, named and typed as a browser would.
  const form = new FormData();
  form.append('_csrf', learner.csrfToken);
  form.append('kind', 'file');
  form.append('title', title);
  form.append('file', new Blob([Uint8Array.from(file)], { type: 'application/pdf' }), 'certificate-scan.pdf');
  const started = performance.now();
  const response = await fetch(`${baseUrl}/evidence/topics/${topicId}`, { method: 'POST', body: form, headers: { cookie: learner.cookie, accept: 'text/html' }, redirect: 'manual' });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, location: response.headers.get('location'), body };
}

async function evidenceIdsOnPage(baseUrl: string, learner: BenchLearner, topicId: string): Promise<Set<string>> {
  const page = await (await fetch(`${baseUrl}/evidence/topics/${topicId}`, { headers: { cookie: learner.cookie } })).text();
  return new Set([...page.matchAll(/\/evidence\/([0-9a-f-]{36})\/download/g)].map((m) => m[1] ?? ''));
}

function describeUpload(answer: Answer): string {
  if (answer.status === 303) return `303 in ${(answer.ms / 1000).toFixed(2)} s`;
  return `FAILED: ${answer.status} in ${(answer.ms / 1000).toFixed(2)} s: ${errorSummaryOf(answer.body)}`;
}

async function download(baseUrl: string, learner: BenchLearner, evidenceId: string, expectedSha: string): Promise<string> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/evidence/${evidenceId}/download`, { headers: { cookie: learner.cookie } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (response.status !== 200) return `FAILED: ${response.status} in ${seconds} s: ${errorSummaryOf(bytes.toString('utf8'))}`;
  const intact = createHash('sha256').update(bytes).digest('hex') === expectedSha;
  return `200 in ${seconds} s, ${bytes.length.toLocaleString('en-GB')} bytes, ${intact ? 'same bytes as uploaded' : 'BYTES DIFFER from the upload'}`;
}

/** Probe requests in flight at any time during [from, to]; one that timed out counts as an error. */
function probeDuring(probe: RouteResult, from: number, to: number): StallPhase['probe'] {
  const during = probe.samples.filter((s) => s.endedAt - s.latencyMs < to && s.endedAt > from);
  const timedOut = probe.failedAt.filter((at) => at - TIMEOUT_SECONDS * 1000 < to && at > from).length;
  return { ...summarise(during.map((s) => s.latencyMs)), errors: during.filter((s) => s.status !== 200).length + timedOut };
}

export async function runUploadStallTest(options: { baseUrl: string; uploader: BenchLearner; probeLearners: readonly BenchLearner[] }): Promise<StallReport> {
  const { baseUrl, uploader } = options;
  const topicId = uploader.literacyTopics[0]?.topicId ?? '';
  const file = largePdf(UPLOAD_BYTES);
  const sha = createHash('sha256').update(file).digest('hex');
  const probe = startRoute(baseUrl, probeRoute(options.probeLearners), PROBE_CONNECTIONS, 3600);
  const phases: StallPhase[] = [];
  async function phase(label: string, step: () => Promise<string>): Promise<void> {
    const from = performance.now();
    const outcome = await step();
    const to = performance.now();
    await sleep(SETTLE_MS); // let probe requests held up by the step finish, so they are counted
    phases.push({ label, outcome, probe: probeDuring(probe.result, from, to) });
  }
  try {
    await sleep(SETTLE_MS);
    await phase('before (probe alone)', async () => {
      await sleep(BASELINE_MS);
      return `${BASELINE_MS / 1000} s of probe load`;
    });
    const before = await evidenceIdsOnPage(baseUrl, uploader, topicId);
    let uploaded: Answer | undefined;
    await phase('one 10 MB upload', async () => {
      uploaded = await upload(baseUrl, uploader, topicId, file, 'Scanned certificate');
      return describeUpload(uploaded);
    });
    const newIds = uploaded?.status === 303 ? [...(await evidenceIdsOnPage(baseUrl, uploader, topicId))].filter((id) => !before.has(id)) : [];
    await phase('download of it', async () => {
      if (newIds.length !== 1 || !newIds[0]) return `skipped: ${uploaded?.status === 303 ? `found ${newIds.length} new download links on the topic page` : 'the upload failed'}`;
      return download(baseUrl, uploader, newIds[0], sha);
    });
    await phase('three 10 MB uploads at once', async () => {
      const started = performance.now();
      const answers = await Promise.all([1, 2, 3].map((n) => upload(baseUrl, uploader, topicId, file, `Scanned certificate ${n}`)));
      return `all done in ${((performance.now() - started) / 1000).toFixed(2)} s: ${answers.map(describeUpload).join(' | ')}`;
    });
  } finally {
    probe.stop();
    await probe.done;
  }
  return { phases, probeTimeouts: probe.result.failedAt.length };
}
