import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import type { MailConfig } from '../src/config.ts';
import { createRepositories } from '../src/db/index.ts';
import type { OutboxRepository } from '../src/db/outbox.repository.ts';
import { openHub } from '../src/hub.ts';
import { createSmtpMailer } from '../src/mail/smtp-transport.ts';
import { createMailDeliveryService } from '../src/services/mail/mail-delivery.service.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import { startSmtpSink } from './support/smtp-sink.ts';
import type { ReceivedMail, SmtpSink } from './support/smtp-sink.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const MINUTE = 60_000;
const mailConfig = (port: number): MailConfig => ({
  host: '127.0.0.1', port, secure: false, requireTls: false, auth: null,
  from: 'AI Confidence Hub <hub@trust.example.nhs.uk>', replyTo: undefined, maxAttempts: 10,
});

describe.each(databaseTargets())('handing the outbox to a mail server on $name', (target) => {
  let hub: TestHub;
  let outbox: OutboxRepository;
  let organisationId: string;
  let sink: SmtpSink | undefined;
  // The workers' clock: a retry falls due when a test moves it on, not after real minutes.
  let clock = Date.now();
  const advance = (ms: number) => (clock += ms);

  beforeAll(async () => {
    hub = await createTestHub(target);
    outbox = createRepositories(hub.database.db, { mailHost: 'hub.test' }).outbox;
    organisationId = (await createTestOrganisations(hub)).trust.id;
  });
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });
  afterAll(() => hub.close());

  function worker(port: number, repository: Partial<OutboxRepository> = {}, db = hub.database.db) {
    return createMailDeliveryService({
      outboxRepository: { ...createRepositories(db).outbox, ...repository },
      mailer: createSmtpMailer(mailConfig(port)),
      maxAttempts: 10,
      mailHost: 'hub.test',
      now: () => new Date(clock),
      random: () => 0.5,
    });
  }

  async function queue(toAddress: string, subject = 'Your verification request') {
    // Queued mail is due from the database's now(): keep the workers' clock past it.
    clock = Math.max(clock, Date.now() + 1000);
    const row = await outbox.insertMessage({ organisationId, toAddress, subject, bodyText: 'Plain words.\n\nSecond paragraph.', bodyHtml: '<p>Plain <strong>words</strong>.</p>' });
    if (!row) throw new Error('not queued');
    return row;
  }

  it('delivers a message with its text, its HTML and its Message-ID, and records the 250', async () => {
    sink = await startSmtpSink();
    const delivery = worker(sink.port);
    const row = await queue('ada.lovelace@example.nhs.uk');
    expect(row.messageId).toBe(`<${row.id}@hub.test>`);
    expect(await delivery.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    await delivery.close();
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received as [ReceivedMail];
    expect(mail.to).toEqual(['ada.lovelace@example.nhs.uk']);
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.raw).toContain('Plain words.');
    expect(mail.raw).toContain('<strong>words</strong>');
    expect(mail.raw).toMatch(/^Auto-Submitted: auto-generated$/im);
    const stored = await outbox.getMessage(row.id);
    expect(stored).toMatchObject({ attempts: 1, failedAt: null, lastError: null, nextAttemptAt: null });
    expect(stored?.sentAt).toBeInstanceOf(Date);
    expect(await outbox.listAttempts(row.id)).toMatchObject([{ outcome: 'sent', smtpCode: 250 }]);
  });

  it('gives up at once when the server refuses the address for good (550)', async () => {
    sink = await startSmtpSink({ onRecipient: () => 550 });
    const delivery = worker(sink.port);
    const row = await queue('no.such.person@example.nhs.uk');
    expect(await delivery.drain()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    advance(7 * 60 * MINUTE);
    expect(await delivery.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await delivery.close();
    const stored = await outbox.getMessage(row.id);
    expect(stored).toMatchObject({ attempts: 1, sentAt: null, nextAttemptAt: null });
    expect(stored?.failedAt).toBeInstanceOf(Date);
    expect(stored?.lastError).toMatch(/^550/);
    expect(await outbox.listAttempts(row.id)).toMatchObject([{ outcome: 'permanent', smtpCode: 550, errorCode: 'EENVELOPE' }]);
  });

  it('tries again after "try later" (451) and sends on the third attempt', async () => {
    let refusals = 2;
    sink = await startSmtpSink({ onRecipient: () => (refusals-- > 0 ? 451 : null) });
    const delivery = worker(sink.port);
    const row = await queue('greylisted@example.nhs.uk');
    expect(await delivery.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect((await outbox.getMessage(row.id))?.nextAttemptAt?.getTime()).toBe(clock + MINUTE);
    // Not due yet: nothing is tried.
    expect(await delivery.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    advance(MINUTE);
    expect(await delivery.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    advance(2 * MINUTE);
    expect(await delivery.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    await delivery.close();
    expect(sink.received).toHaveLength(1);
    expect(await outbox.getMessage(row.id)).toMatchObject({ attempts: 3, lastError: null });
    expect((await outbox.listAttempts(row.id)).map((a) => [a.outcome, a.smtpCode])).toEqual([['transient', 451], ['transient', 451], ['sent', 250]]);
  });

  it('keeps every message while the server is down and delivers them all when it is back', async () => {
    const down = await startSmtpSink();
    const port = down.port;
    await down.close();
    const delivery = worker(port);
    const rows = await Promise.all(['a', 'b', 'c', 'd'].map((n) => queue(`${n}.person@example.nhs.uk`)));
    expect(await delivery.drain()).toEqual({ sent: 0, retrying: 4, failed: 0 });
    const waiting = await outbox.getMessage(rows[0]?.id ?? '');
    expect(waiting?.lastError).toMatch(/ECONNREFUSED|connect/i);
    sink = await startSmtpSink({ port });
    advance(MINUTE);
    expect(await delivery.drain()).toEqual({ sent: 4, retrying: 0, failed: 0 });
    await delivery.close();
    expect(sink.received.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.messageId).sort());
  });

  it('sends again, with the same Message-ID, when the worker stops between the 250 and recording it', async () => {
    sink = await startSmtpSink();
    let failOnce = true;
    const original = createRepositories(hub.database.db).outbox;
    const crashing = worker(sink.port, {
      markSent: async (id, at) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('the database went away');
        }
        return original.markSent(id, at);
      },
    });
    const row = await queue('twice@example.nhs.uk');
    await expect(crashing.drain()).rejects.toThrow('the database went away');
    // Held by the worker that died until its lease ends, then sent again.
    expect(await crashing.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    advance(6 * MINUTE);
    expect(await crashing.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    await crashing.close();
    expect(sink.received.map((m) => m.messageId)).toEqual([row.messageId, row.messageId]);
    expect((await outbox.getMessage(row.id))?.sentAt).toBeInstanceOf(Date);
  });

  it('never sends a message twice when two workers drain at once', async () => {
    sink = await startSmtpSink();
    // On PostgreSQL the second worker is another process's: its own connection pool.
    const other = target.name === 'postgres' ? await openHub({ database: hub.databaseConfig, publicUrl: 'http://hub.test', host: 'hub.test', port: 80, demoSyntheticPeople: 0 }) : null;
    const rows = await Promise.all(Array.from({ length: 24 }, (_, i) => queue(`parallel.${i}@example.nhs.uk`)));
    const first = worker(sink.port);
    const second = worker(sink.port, {}, other?.database.db ?? hub.database.db);
    const [a, b] = await Promise.all([first.drain(), second.drain()]);
    await Promise.all([first.close(), second.close()]);
    await other?.close();
    expect(a.sent + b.sent).toBe(24);
    const ids = sink.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(rows.map((r) => r.messageId).sort());
  });

  it('shows each message’s status on the outbox page', async () => {
    const admin = await createTestPerson(hub, { organisationId, roles: ['organisation-admin'], name: 'Mo Mailadmin' });
    const session = await signIn(hub.app, admin.email);
    await queue('waiting@example.nhs.uk', 'A message still queued');
    const page = await session.get(`/organisation/outbox?organisationId=${organisationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/A message still queued[\s\S]*?Queued/);
    expect(page.body).toMatch(/Sent/);
    expect(page.body).toMatch(/Not delivered[\s\S]*?550/);
    // The test hub has no mail server.
    expect(page.body).toContain('This hub has no mail server set up');
  });
});

describe('the mail commands', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, write: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
  };

  it('refuses without a mail server', async () => {
    const { out, write } = io();
    expect(await runCli(['mail', 'send-pending'], { env: {}, ...write })).toBe(2);
    expect(out.stderr).toContain('No mail server is configured');
  });

  it('sends a test message and the pending mail', async () => {
    const sink = await startSmtpSink();
    const env = { HUB_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hub-mail-cli-')), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), MAIL_FROM: 'hub@trust.example.nhs.uk', PUBLIC_URL: 'http://hub.example.test' };
    try {
      const { out, write } = io();
      expect(await runCli(['mail', 'test', '--to', 'it.team@example.nhs.uk'], { env, ...write })).toBe(0);
      expect(out.stdout).toMatch(/accepted the test message <test-[0-9a-f-]+@hub\.example\.test>: 250/);
      expect(sink.received.map((m) => m.to)).toEqual([['it.team@example.nhs.uk']]);
      const second = io();
      expect(await runCli(['mail', 'send-pending'], { env, ...second.write })).toBe(0);
      expect(second.out.stdout).toContain('Still to send: 0.');
      expect(await runCli(['mail', 'test', '--to', 'not an address'], { env, ...io().write })).toBe(2);
    } finally {
      await sink.close();
    }
  }, 60_000);
});
