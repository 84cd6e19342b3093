/** Where a value arrived: the route's address parameters, the query string, or the body. */
export type InputLocation = 'address' | 'query' | 'body';

export type InputProblemKind = 'nul' | 'lone-surrogate' | 'forbidden-name' | 'too-deep';

export interface InputProblem {
  kind: InputProblemKind | 'unnamed-part';
  location?: InputLocation;
  /** The field as validation errors name it: the path joined with dots (`ratings.0.note`). */
  field: string;
  message: string;
  /** The forbidden property name, for `forbidden-name`. */
  name?: string;
}

/** No form or API body of the hub nests beyond a few levels; far deeper ones only exist to exhaust the stack. */
export const MAX_NESTING = 32;
/** Enough to name what is wrong without making a huge body produce a huge answer. */
const MAX_PROBLEMS = 10;

const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const UNPRINTABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface PathNode {
  key: string;
  parent: PathNode | null;
}

/**
 * Finds text PostgreSQL cannot hold (NUL) or that is not Unicode (lone surrogates) anywhere in a
 * parsed value, keys included, and property names that reach for a prototype. Iterative, so a
 * deeply nested body cannot exhaust the stack here; nesting past MAX_NESTING is itself a problem.
 */
export function findUnacceptableInput(value: unknown, location: InputLocation): InputProblem[] {
  const problems: InputProblem[] = [];
  const stack: Array<{ value: unknown; path: PathNode | null; depth: number }> = [{ value, path: null, depth: 0 }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const kind = textProblem(current);
      if (kind) problems.push(problemAt(kind, location, path, 'value'));
      continue;
    }
    // Buffers (uploaded file content) and other binary views are bytes, not text.
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (depth >= MAX_NESTING) {
      problems.push(problemAt('too-deep', location, path, 'value'));
      continue;
    }
    const children: Array<{ value: unknown; path: PathNode | null; depth: number }> = [];
    for (const [key, child] of Object.entries(current)) {
      const childPath = { key, parent: path };
      const nameProblem = isForbiddenName(key, child) ? 'forbidden-name' : textProblem(key);
      if (nameProblem) problems.push(problemAt(nameProblem, location, childPath, 'name'));
      else children.push({ value: child, path: childPath, depth: depth + 1 });
    }
    // Reversed so problems come out in the order they appear in the request.
    stack.push(...children.reverse());
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function textProblem(text: string): 'nul' | 'lone-surrogate' | undefined {
  if (text.includes(NUL)) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate';
  return undefined;
}

/** `__proto__` anywhere, and `constructor` holding a `prototype`: the two shapes of prototype pollution. */
function isForbiddenName(key: string, value: unknown): boolean {
  if (key === '__proto__') return true;
  return key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype');
}

function problemAt(kind: InputProblemKind, location: InputLocation, path: PathNode | null, part: 'value' | 'name'): InputProblem {
  const field = fieldName(path);
  const where = location === 'query' ? 'This query string parameter' : location === 'address' ? 'This part of the address' : 'This field';
  const subject = part === 'name' ? `${where}’s name` : where;
  switch (kind) {
    case 'nul':
      return { kind, location, field, message: `${subject} contains a null character (U+0000), which cannot be stored. Remove it and try again.` };
    case 'lone-surrogate':
      return { kind, location, field, message: `${subject} contains an unpaired UTF-16 surrogate (such as \\ud800), which is not valid Unicode text.` };
    case 'forbidden-name': {
      const name = path?.key === 'constructor' ? 'constructor.prototype' : '__proto__';
      return { kind, location, field, name, message: `“${name}” is not allowed as a property name.` };
    }
    case 'too-deep':
      return { kind, location, field, message: `${where} is nested more than ${MAX_NESTING} levels deep.` };
  }
}

/** The dotted path, with characters that cannot be shown written as escapes. */
function fieldName(path: PathNode | null): string {
  const keys: string[] = [];
  for (let node = path; node; node = node.parent) keys.unshift(node.key);
  if (keys.length === 0) return '(body)';
  return keys.join('.').replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
