import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadOidcConfig, OidcConfigError, oidcEnvSchema } from './oidc-config.ts';
import type { OidcConfig } from './oidc-config.ts';

/** Every setting the hub reads, validated once at start. Safe local defaults; production fails fast. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An address, or a display name and an address in angle brackets. */
const MAILBOX = /^(?:[^<>@\s][^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;
/** true/false, yes/no, on/off or 1/0. */
function flag() {
  return z.string().toLowerCase().pipe(z.enum(['true', 'false', 'yes', 'no', 'on', 'off', '1', '0'])).transform((v) => ['true', 'yes', 'on', '1'].includes(v));
}

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  HUB_DATA_DIR: z.string().min(1).default('./.hub-data'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PUBLIC_URL: z.string().url().optional(),
  HUB_PROCESSES: z.coerce.number().int().min(1).max(64).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  HUB_FILE_DIR: z.string().min(1).optional(),
  CLAMAV_SOCKET: z.string().min(1).optional(),
  CLAMAV_HOST: z.string().min(1).optional(),
  CLAMAV_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  HUB_FONT_DIR: z.string().min(1).optional(),
  HUB_DEMO_SYNTHETIC_PEOPLE: z.coerce.number().int().min(0).max(100_000).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: flag().optional(),
  SMTP_REQUIRE_TLS: flag().optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_PASSWORD_FILE: z.string().min(1).optional(),
  MAIL_FROM: z.string().regex(MAILBOX, 'must be an address, or a name and an address as in "AI Confidence Hub <hub@trust.nhs.uk>"').optional(),
  MAIL_REPLY_TO: z.string().regex(MAILBOX, 'must be an address').optional(),
  SMTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  CREDENTIAL_KEY_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v), 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
}).merge(oidcEnvSchema);

export type DatabaseConfig = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'memory'; inWorker?: boolean };
/** Where uploaded file content lives: a folder (embedded, or one shared by every process), or PostgreSQL. */
export type FileStoreConfig = { kind: 'directory'; dir: string } | { kind: 'database' };
/** A ClamAV daemon that scans every upload before it is stored; null (the default) scans nothing. */
export type VirusScannerConfig = { kind: 'clamd'; socket: string } | { kind: 'clamd'; host: string; port: number };

export interface HubConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  logLevel: (typeof LOG_LEVELS)[number];
  isProduction: boolean;
  publicUrl: string | undefined;
  /** Server processes behind the one port: several on PostgreSQL (one per core by default), one on the embedded database. */
  processes: number;
  /** Always set by loadConfig; when absent (tests) the store follows the database (files/open-file-store.ts). */
  files?: FileStoreConfig;
  virusScanner?: VirusScannerConfig | null;
  /** A folder holding the organisation's licensed Frutiger font files, served by the hub (web/stylesheet.ts). */
  fontDir?: string;
  /** Size of the demo's synthetic workforce (issue 14 §4); absent: the demo's default of 2,000. */
  demoSyntheticPeople?: number;
  /** Sign-in with NHS CIS2 (OIDC_*; oidc-config.ts), or null when not configured. */
  oidc?: OidcConfig | null;
  /** Whether people may sign in with a hub password (LOCAL_PASSWORDS); off leaves only the provider. */
  localPasswords?: boolean;
  /** Where mail is sent; null (no SMTP_HOST) keeps it in the outbox page only. */
  mail?: MailConfig | null;
  /** The AES-256 key that encrypts issuers' Open Badges signing keys (CREDENTIAL_KEY_ENCRYPTION_KEY). */
  credentialKeyEncryptionKey?: Buffer;
}

/** An SMTP server the hub hands its outbox to (services/mail/mail-delivery.service.ts). */
export interface MailConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  requireTls: boolean;
  auth: { user: string; password: string } | null;
  from: string;
  replyTo: string | undefined;
  maxAttempts: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  // An empty variable means "not set" (as in `DATABASE_URL= npm start`), not an invalid value.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${detail}`);
  }
  const c = parsed.data;
  const isProduction = c.NODE_ENV === 'production';
  if (isProduction && !c.DATABASE_URL) {
    // The embedded database serves one organisation on one machine; production needs a server.
    throw new ConfigError('DATABASE_URL is required when NODE_ENV=production');
  }
  if (!c.DATABASE_URL && c.HUB_PROCESSES !== undefined && c.HUB_PROCESSES > 1) {
    // The embedded database belongs to one process; several processes need a shared server.
    throw new ConfigError('HUB_PROCESSES above 1 needs DATABASE_URL: the embedded database serves one process');
  }
  if (c.CLAMAV_SOCKET && c.CLAMAV_HOST) throw new ConfigError('Set CLAMAV_SOCKET or CLAMAV_HOST, not both');
  const oidc = oidcOf(c, isProduction);
  if (c.LOCAL_PASSWORDS === 'off' && !oidc) throw new ConfigError('LOCAL_PASSWORDS=off needs OIDC_ISSUER: nobody could sign in');
  if (isProduction && !c.CREDENTIAL_KEY_ENCRYPTION_KEY) {
    // Issuers' signing keys would otherwise be encrypted under a key anyone can read in the source.
    throw new ConfigError('CREDENTIAL_KEY_ENCRYPTION_KEY is required when NODE_ENV=production');
  }
  const processes = c.DATABASE_URL ? (c.HUB_PROCESSES ?? defaultProcesses(c.DATABASE_URL)) : 1;
  return {
    port: c.PORT,
    host: c.HOST,
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE ?? defaultPoolSize(processes) }
      : { kind: 'embedded', dataDir: path.resolve(c.HUB_DATA_DIR) },
    logLevel: c.LOG_LEVEL,
    isProduction,
    publicUrl: c.PUBLIC_URL,
    processes,
    // Several processes on PostgreSQL share file content through it unless they share a folder.
    files: c.HUB_FILE_DIR
      ? { kind: 'directory', dir: path.resolve(c.HUB_FILE_DIR) }
      : c.DATABASE_URL
        ? { kind: 'database' }
        : { kind: 'directory', dir: path.resolve(c.HUB_DATA_DIR, 'files') },
    virusScanner: c.CLAMAV_SOCKET
      ? { kind: 'clamd', socket: c.CLAMAV_SOCKET }
      : c.CLAMAV_HOST
        ? { kind: 'clamd', host: c.CLAMAV_HOST, port: c.CLAMAV_PORT }
        : null,
    fontDir: c.HUB_FONT_DIR ? path.resolve(c.HUB_FONT_DIR) : undefined,
    demoSyntheticPeople: c.HUB_DEMO_SYNTHETIC_PEOPLE,
    mail: mailConfigOf(c, isProduction),
    oidc,
    localPasswords: c.LOCAL_PASSWORDS === 'on',
    credentialKeyEncryptionKey: c.CREDENTIAL_KEY_ENCRYPTION_KEY ? Buffer.from(c.CREDENTIAL_KEY_ENCRYPTION_KEY, 'base64') : DEVELOPMENT_CREDENTIAL_KEY,
  };
}

/**
 * Outside production, issuers' signing keys are encrypted under this fixed key, so a development
 * or demo database keeps working across restarts. It is public (it is in the source): never for
 * credentials anyone should trust.
 */
export const DEVELOPMENT_CREDENTIAL_KEY: Buffer = createHash('sha256').update('ai-confidence-hub development credential key-encryption key').digest();

/** The SMTP settings, read once; the password (or the file holding it) is never logged. */
function mailConfigOf(c: z.infer<typeof configSchema>, isProduction: boolean): MailConfig | null {
  if (!c.SMTP_HOST) return null;
  if (!c.MAIL_FROM) throw new ConfigError('MAIL_FROM is required when SMTP_HOST is set');
  if (c.SMTP_PASSWORD && c.SMTP_PASSWORD_FILE) throw new ConfigError('Set SMTP_PASSWORD or SMTP_PASSWORD_FILE, not both');
  const password = c.SMTP_PASSWORD_FILE ? readSecret(c.SMTP_PASSWORD_FILE, 'SMTP_PASSWORD_FILE') : c.SMTP_PASSWORD;
  if (Boolean(c.SMTP_USER) !== Boolean(password)) throw new ConfigError('SMTP_USER and a password (SMTP_PASSWORD or SMTP_PASSWORD_FILE) go together');
  const secure = c.SMTP_SECURE ?? false;
  return {
    host: c.SMTP_HOST,
    port: c.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    // In production mail goes out over TLS unless the setting says otherwise.
    requireTls: !secure && (c.SMTP_REQUIRE_TLS ?? isProduction),
    auth: c.SMTP_USER && password ? { user: c.SMTP_USER, password } : null,
    from: c.MAIL_FROM,
    replyTo: c.MAIL_REPLY_TO,
    maxAttempts: c.SMTP_MAX_ATTEMPTS,
  };
}

function readSecret(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch {
    throw new ConfigError(`${name}: cannot read the file it names`);
  }
}

function oidcOf(c: z.infer<typeof configSchema>, isProduction: boolean): OidcConfig | null {
  try {
    return loadOidcConfig(c, { publicUrl: c.PUBLIC_URL, isProduction });
  } catch (error) {
    if (error instanceof OidcConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/**
 * Connections each process keeps to PostgreSQL. Pages ask their independent reads together, so a
 * process wants a couple of dozen; all processes together stay within a default server's 100.
 */
export function defaultPoolSize(processes: number): number {
  return Math.max(4, Math.min(25, Math.floor(90 / processes)));
}

/**
 * One hub process per core; one core fewer when PostgreSQL runs on this machine too (a loopback
 * host or a Unix socket), since it needs CPU of its own for every request the hub serves.
 */
export function defaultProcesses(databaseUrl: string, cores = availableParallelism()): number {
  const url = new URL(databaseUrl);
  const host = decodeURIComponent(url.hostname || (url.searchParams.get('host') ?? ''));
  const isLocal = host === '' || host.startsWith('/') || host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
  return Math.max(1, isLocal ? cores - 1 : cores);
}
