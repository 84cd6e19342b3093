import { isMailto, isSha1Hex } from './formats.ts';
import {
  type JsonObject, arrayAt, has, iriAt, irlAt, objectWith, optional, refuse, requireProperty, stringAt,
} from './rule-kit.ts';

/** The inverse functional identifiers: an identified Agent or Group has exactly one (9274 §4.2.2.1). */
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const AGENT_PROPERTIES = ['objectType', 'name', ...IFIS];
const GROUP_PROPERTIES = ['objectType', 'name', 'member', ...IFIS];

function checkAccount(value: unknown, path: string): void {
  const account = objectWith(value, path, ['homePage', 'name']);
  irlAt(requireProperty(account, 'homePage', path), `${path}.homePage`);
  stringAt(requireProperty(account, 'name', path), `${path}.name`);
}

/** Checks the IFIs present and returns how many there are. */
function countIfis(object: JsonObject, path: string): number {
  const present = IFIS.filter((key) => has(object, key));
  if (present.length > 1) {
    refuse(path, `has more than one identifier (${present.join(', ')}); use exactly one of mbox, mbox_sha1sum, openid, account`);
  }
  optional(object, 'mbox', path, (value, at) => {
    if (!isMailto(stringAt(value, at))) refuse(at, 'must be "mailto:" followed by an email address');
  });
  optional(object, 'mbox_sha1sum', path, (value, at) => {
    if (!isSha1Hex(stringAt(value, at))) refuse(at, 'must be the 40-character hex SHA-1 of a mailto IRI');
  });
  optional(object, 'openid', path, (value, at) => iriAt(value, at));
  optional(object, 'account', path, checkAccount);
  return present.length;
}

/** An Agent. `objectType` may be left out unless the caller requires it (an Agent as a statement's object). */
export function checkAgent(value: unknown, path: string): JsonObject {
  const agent = objectWith(value, path, AGENT_PROPERTIES);
  if (has(agent, 'objectType') && agent.objectType !== 'Agent') {
    refuse(`${path}.objectType`, `must be "Agent" here, not ${JSON.stringify(agent.objectType)}`);
  }
  optional(agent, 'name', path, stringAt);
  if (countIfis(agent, path) === 0) refuse(path, 'must have one identifier: mbox, mbox_sha1sum, openid or account');
  return agent;
}

/** A Group: identified (one IFI, members optional) or anonymous (no IFI, members required). Members are Agents only. */
export function checkGroup(value: unknown, path: string): JsonObject {
  const group = objectWith(value, path, GROUP_PROPERTIES);
  if (group.objectType !== 'Group') refuse(`${path}.objectType`, `must be "Group", not ${JSON.stringify(group.objectType)}`);
  optional(group, 'name', path, stringAt);
  const identified = countIfis(group, path) === 1;
  if (!identified && !has(group, 'member')) {
    refuse(path, 'is an anonymous Group (it has no mbox, mbox_sha1sum, openid or account), so it must list its "member" Agents');
  }
  if (has(group, 'member')) {
    arrayAt(group.member, `${path}.member`).forEach((member, index) => checkMember(member, `${path}.member[${index}]`));
  }
  return group;
}

function checkMember(member: unknown, path: string): void {
  const memberType = (member as { objectType?: unknown } | null)?.objectType;
  if (memberType === 'Group') refuse(path, 'is a Group, but a Group\'s members must be Agents');
  checkAgent(member, path);
}

/** An actor (or instructor): an Agent, or a Group when objectType says so. */
export function checkActor(value: unknown, path: string): JsonObject {
  const objectType = (value as { objectType?: unknown } | null)?.objectType;
  if (objectType === 'Group') return checkGroup(value, path);
  if (objectType !== undefined && objectType !== 'Agent') {
    refuse(`${path}.objectType`, `must be "Agent" or "Group", not ${JSON.stringify(objectType)}`);
  }
  return checkAgent(value, path);
}

/**
 * The authority: an Agent, or for three-legged OAuth an anonymous Group of exactly two Agents
 * (the application and the user) — xAPI 1.0.3 §2.4.9, kept in 2.0 and tested by the suite.
 */
export function checkAuthority(value: unknown, path: string): void {
  const authority = checkActor(value, path);
  if (authority.objectType !== 'Group') return;
  if (IFIS.some((key) => has(authority, key))) {
    refuse(path, 'is an identified Group; an authority Group must be anonymous with exactly two Agents (an OAuth application and user)');
  }
  if ((authority.member as unknown[]).length !== 2) {
    refuse(`${path}.member`, 'must hold exactly two Agents (an OAuth application and user) when the authority is a Group');
  }
}
