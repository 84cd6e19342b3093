import type { Database } from '../../db/client.ts';
import type { NewAuditEvent } from '../../db/audit.repository.ts';
import type { Viewer } from '../identity/viewer.ts';

/** The permission checks assessment services need (implemented by the people access policy). */
export interface AccessPolicy {
  /** Throws not_found when the viewer may not see this person (existence is not revealed). */
  assertCanSeePerson(viewer: Viewer, personId: string): Promise<unknown>;
  /** Throws unless the viewer currently supervises this person (administering their organisation is not enough). */
  assertCanSupervise(viewer: Viewer, personId: string): Promise<unknown>;
}

export interface AuditLog {
  record(event: NewAuditEvent, tx?: Database): Promise<void>;
}
