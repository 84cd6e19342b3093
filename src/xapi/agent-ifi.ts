/**
 * The `agent` parameter of the document, profile and agents resources (9274.1.1 §4.1.6.2–4.1.6.5):
 * an Agent object in JSON with exactly one inverse functional identifier (IFI), and the canonical
 * key the LRS files documents under. Pure, so the statements resource can share it.
 */

export type AgentAccount = { homePage: string; name: string };

/** An agent as the LRS knows it: its one IFI, and the name the platform gave, if any. */
export interface XapiAgent {
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: AgentAccount;
}

export type AgentParse = { ok: true; agent: XapiAgent; ifi: string } | { ok: false; problem: string };

const IFI_PROPERTIES = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const AGENT_PROPERTIES = new Set<string>(['objectType', 'name', ...IFI_PROPERTIES]);
const MAILTO = /^mailto:[^\s@]+@[^\s@]+$/;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
// An IRI needs a scheme (9274.1.1 §4.1.6 "IRL or IRI values without a scheme" are refused) and no spaces.
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export const isIri = (value: unknown): value is string => typeof value === 'string' && IRI.test(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses and checks the `agent` query parameter; the problem is worded for the platform's developer. */
export function parseAgentParameter(text: string): AgentParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'The agent parameter is not JSON: send an Agent object, for example {"mbox":"mailto:learner@example.com"}.' };
  }
  return parseAgent(value);
}

export function parseAgent(value: unknown): AgentParse {
  if (!isPlainObject(value)) return { ok: false, problem: 'The agent parameter must be an Agent object.' };
  const unknown = Object.keys(value).find((key) => !AGENT_PROPERTIES.has(key));
  if (unknown) return { ok: false, problem: `The agent has the property "${unknown}", which an Agent does not have.` };
  if (value.objectType !== undefined && value.objectType !== 'Agent') return { ok: false, problem: 'The agent’s objectType must be "Agent" when it is given.' };
  if (value.name !== undefined && typeof value.name !== 'string') return { ok: false, problem: 'The agent’s name must be a string.' };
  const present = IFI_PROPERTIES.filter((key) => value[key] !== undefined);
  if (present.length !== 1) return { ok: false, problem: `The agent must have exactly one of mbox, mbox_sha1sum, openid or account; it has ${present.length}.` };
  const ifiProblem = problemWithIfi(present[0]!, value[present[0]!]);
  if (ifiProblem) return { ok: false, problem: ifiProblem };
  const agent = { ...(value.name === undefined ? {} : { name: value.name }), [present[0]!]: value[present[0]!] } as XapiAgent;
  return { ok: true, agent, ifi: ifiKey(agent) };
}

function problemWithIfi(property: (typeof IFI_PROPERTIES)[number], value: unknown): string | undefined {
  switch (property) {
    case 'mbox':
      return typeof value === 'string' && MAILTO.test(value) ? undefined : 'The agent’s mbox must be "mailto:" followed by an email address.';
    case 'mbox_sha1sum':
      return typeof value === 'string' && SHA1_HEX.test(value) ? undefined : 'The agent’s mbox_sha1sum must be the 40-character hex SHA-1 of a mailto IRI.';
    case 'openid':
      return isIri(value) ? undefined : 'The agent’s openid must be a URI with a scheme.';
    case 'account':
      return problemWithAccount(value);
  }
}

function problemWithAccount(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'The agent’s account must be an object with homePage and name.';
  const extra = Object.keys(value).find((key) => key !== 'homePage' && key !== 'name');
  if (extra) return `The agent’s account has the property "${extra}"; an account has only homePage and name.`;
  if (!isIri(value.homePage)) return 'The agent’s account.homePage must be an IRL with a scheme.';
  if (typeof value.name !== 'string' || value.name === '') return 'The agent’s account.name must be a non-empty string.';
  return undefined;
}

/**
 * The canonical key of an agent's IFI. Email addresses are lower-cased whole, as the hub keeps
 * people's emails (and as the statements resource keys actors), and SHA-1 hex is case-insensitive;
 * the rest is kept as sent. The account's homePage is percent-encoded so the '|' before the name
 * cannot be forged by a homePage containing one.
 */
export function ifiKey(agent: XapiAgent): string {
  if (agent.mbox !== undefined) return `mbox:${agent.mbox.toLowerCase()}`;
  if (agent.mbox_sha1sum !== undefined) return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (agent.openid !== undefined) return `openid:${agent.openid}`;
  if (agent.account !== undefined) return `account:${encodeURIComponent(agent.account.homePage)}|${agent.account.name}`;
  throw new Error('an agent without an IFI has no key');
}

/** The Person object of 9274.1.1 §4.1.6.3 for an agent the LRS knows nothing more about. */
export function personOf(agent: XapiAgent) {
  return {
    objectType: 'Person' as const,
    name: agent.name === undefined ? [] : [agent.name],
    mbox: agent.mbox === undefined ? [] : [agent.mbox],
    mbox_sha1sum: agent.mbox_sha1sum === undefined ? [] : [agent.mbox_sha1sum],
    openid: agent.openid === undefined ? [] : [agent.openid],
    account: agent.account === undefined ? [] : [{ homePage: agent.account.homePage, name: agent.account.name }],
  };
}
