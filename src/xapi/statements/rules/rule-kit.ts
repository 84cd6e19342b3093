import { XapiError } from '../../xapi-errors.ts';
import { isIri, isIrl, isLanguageTag } from './formats.ts';

/** A JSON object as received (never an array or null). */
export type JsonObject = Record<string, unknown>;

/** Refuses the statement: the message names the path and the rule it breaks, for a platform developer to fix. */
export function refuse(path: string, rule: string): never {
  throw new XapiError(400, `${path} ${rule}`);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

/** The value at `path` must be a JSON object whose properties are all among `allowed` (9274 §4.2.1: no additional properties). */
export function objectWith(value: unknown, path: string, allowed: readonly string[]): JsonObject {
  if (!isJsonObject(value)) refuse(path, `must be an object, not ${kindOf(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      refuse(path, `has a property "${key}" that xAPI does not allow here (allowed: ${allowed.join(', ')})`);
    }
  }
  return value;
}

/** Whether an optional property is there. A null counts as there, so that it is refused (9274 §4.2.1: no null values). */
export const has = (object: JsonObject, key: string): boolean => object[key] !== undefined;

export function requireProperty(object: JsonObject, key: string, path: string): unknown {
  if (!has(object, key)) refuse(path, `must have the property "${key}"`);
  return object[key];
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') refuse(path, `must be a string, not ${kindOf(value)}`);
  return value;
}

export function booleanAt(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') refuse(path, `must be true or false (a JSON boolean), not ${kindOf(value)}`);
  return value;
}

export function numberAt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(path, `must be a number, not ${kindOf(value)}`);
  return value;
}

export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) refuse(path, `must be an array, not ${kindOf(value)}`);
  return value;
}

export function iriAt(value: unknown, path: string): string {
  const text = stringAt(value, path);
  if (!isIri(text)) refuse(path, `must be an IRI with a scheme (for example "https://example.com/…"), not "${text}"`);
  return text;
}

export function irlAt(value: unknown, path: string): string {
  const text = stringAt(value, path);
  if (!isIrl(text)) refuse(path, `must be an IRL, a locator such as "https://example.com/…", not "${text}"`);
  return text;
}

/** A language map: RFC 5646 tags to strings (9274 §4.2.7). */
export function checkLanguageMap(value: unknown, path: string): void {
  if (!isJsonObject(value)) refuse(path, `must be a language map (an object of RFC 5646 language tags to strings), not ${kindOf(value)}`);
  for (const [tag, text] of Object.entries(value)) {
    if (!isLanguageTag(tag)) refuse(path, `has the key "${tag}", which is not an RFC 5646 language tag`);
    if (typeof text !== 'string') refuse(`${path}["${tag}"]`, `must be a string, not ${kindOf(text)}`);
  }
}

/** Extensions: keys are IRIs; values are anything, null included (9274 §4.2.7). */
export function checkExtensions(value: unknown, path: string): void {
  if (!isJsonObject(value)) refuse(path, `must be an object whose keys are IRIs, not ${kindOf(value)}`);
  for (const key of Object.keys(value)) {
    if (!isIri(key)) refuse(path, `has the key "${key}", but extension keys must be IRIs`);
  }
}

/** Calls `check` on an optional property when it is there. */
export function optional(object: JsonObject, key: string, path: string, check: (value: unknown, path: string) => unknown): void {
  if (has(object, key)) check(object[key], `${path}.${key}`);
}
