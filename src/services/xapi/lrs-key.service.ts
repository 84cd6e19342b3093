import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { LrsKeyRepository, LrsKeyRow } from '../../db/lrs-key.repository.ts';
import type { OrganisationRow } from '../../db/organisation.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from '../people/access-policy.ts';

export interface LrsKeyServiceDeps {
  db: Database;
  lrsKeyRepository: LrsKeyRepository;
  auditRepository: Pick<AuditRepository, 'insertAuditEvent'>;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'>;
  now?: () => Date;
}

/** Who is calling the learning record store: a platform holding one organisation's key. */
export interface LrsClient {
  keyId: string;
  keyName: string;
  organisationId: string;
  platform: string;
}

/** A key as admins see it: never its secret or hash. */
export type LrsKeyView = Omit<LrsKeyRow, 'secretHash'>;

/** An admin acting on a page or through the API, or the command line (the operator of the instance). */
export type LrsKeyActor = { viewer: Viewer } | { cli: true };

export const issueLrsKeyInput = z.object({
  platform: z
    .string()
    .trim()
    .min(1, 'Enter the name of the learning platform that will use the key')
    .max(100, 'The platform name must be 100 characters or fewer'),
});

// last_used_at is for admins deciding what to revoke: a minute's precision saves a write per statement.
const TOUCH_EVERY_MS = 60_000;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();
const viewOf = ({ secretHash: _secretHash, ...key }: LrsKeyRow): LrsKeyView => key;
const actorIdOf = (actor: LrsKeyActor) => ('viewer' in actor ? actor.viewer.personId : null);

/** Issuing, listing, revoking and checking the keys learning platforms send xAPI statements with (issue 16 §1). */
export function createLrsKeyService(deps: LrsKeyServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const lastTouched = new Map<string, number>();

  async function assertCanManage(actor: LrsKeyActor, organisationId: string, tx?: Database): Promise<void> {
    if ('viewer' in actor) await deps.access.assertCanAdministerOrganisation(actor.viewer, organisationId, tx);
  }

  return {
    /** The organisation and its keys, for an admin's page. */
    async viewKeys({ viewer, organisationId }: { viewer: Viewer; organisationId: string }): Promise<{ organisation: OrganisationRow; keys: LrsKeyView[] }> {
      const organisation = await deps.access.assertCanAdministerOrganisation(viewer, organisationId);
      return { organisation, keys: (await deps.lrsKeyRepository.listKeys(organisationId)).map(viewOf) };
    },

    async listKeys({ actor, organisationId }: { actor: LrsKeyActor; organisationId: string }): Promise<LrsKeyView[]> {
      await assertCanManage(actor, organisationId);
      return (await deps.lrsKeyRepository.listKeys(organisationId)).map(viewOf);
    },

    /** A new key; the secret is in the answer only, never stored. */
    async issueKey({ actor, organisationId, platform }: { actor: LrsKeyActor; organisationId: string; platform: unknown }): Promise<{ key: LrsKeyView; secret: string }> {
      const parsed = issueLrsKeyInput.safeParse({ platform });
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'Enter the platform name';
        throw new AppError('invalid', message, [{ field: 'platform', message }]);
      }
      const secret = randomBytes(32).toString('base64url');
      const keyName = `lrs-${randomBytes(9).toString('base64url')}`;
      return inTransaction(deps.db, async (tx) => {
        await assertCanManage(actor, organisationId, tx);
        const key = await deps.lrsKeyRepository.insertKey(
          { organisationId, keyName, platform: parsed.data.platform, secretHash: hashSecret(secret).toString('base64url'), createdBy: actorIdOf(actor) },
          tx,
        );
        await deps.auditRepository.insertAuditEvent({ organisationId, actorId: actorIdOf(actor), subjectId: null, action: 'lrs-key.issued', detail: { keyName, platform: key.platform } }, tx);
        return { key: viewOf(key), secret };
      });
    },

    /** Revokes a key (of `organisationId`, when the caller names one: an API address says whose key it is). */
    async revokeKey({ actor, keyId, organisationId }: { actor: LrsKeyActor; keyId: string; organisationId?: string }): Promise<LrsKeyView> {
      return inTransaction(deps.db, async (tx) => {
        const key = await deps.lrsKeyRepository.findKey(keyId, tx);
        if (!key || (organisationId !== undefined && key.organisationId !== organisationId)) throw new AppError('not_found', 'There is no such key in this organisation.');
        await assertCanManage(actor, key.organisationId, tx);
        if (key.revokedAt) return viewOf(key);
        const revoked = (await deps.lrsKeyRepository.revokeKey(key.id, actorIdOf(actor), now(), tx)) ?? key;
        await deps.auditRepository.insertAuditEvent({ organisationId: key.organisationId, actorId: actorIdOf(actor), subjectId: null, action: 'lrs-key.revoked', detail: { keyName: key.keyName, platform: key.platform } }, tx);
        return viewOf(revoked);
      });
    },

    /** The client an `Authorization: Basic` header names, if its key is live and its secret right. */
    async authenticate(authorization: string | undefined): Promise<LrsClient | undefined> {
      const credentials = parseBasic(authorization);
      if (!credentials) return undefined;
      const key = await deps.lrsKeyRepository.findActiveKey(credentials.name);
      if (!key) return undefined;
      const expected = Buffer.from(key.secretHash, 'base64url');
      const given = hashSecret(credentials.secret);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const at = now();
      if (at.getTime() - (lastTouched.get(key.id) ?? 0) > TOUCH_EVERY_MS) {
        lastTouched.set(key.id, at.getTime());
        await deps.lrsKeyRepository.touchKey(key.id, at);
      }
      return { keyId: key.id, keyName: key.keyName, organisationId: key.organisationId, platform: key.platform };
    },
  };
}

function parseBasic(authorization: string | undefined): { name: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { name: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export type LrsKeyService = ReturnType<typeof createLrsKeyService>;
