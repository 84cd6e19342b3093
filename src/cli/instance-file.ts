import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Reading the JSON instance files of the `plan` commands (`journey plan`, `team plan`): every
 * problem is the user's, so each is an `invalid` AppError (exit code 2) naming the file and field.
 */
export async function readInstanceFile<T extends z.ZodType>(file: string, schema: T, what: string): Promise<z.output<T>> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new AppError('invalid', `Cannot read instance file ${file}: ${error.code ?? error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid', `Instance file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: fieldName(json, issue.path), message: issue.message }));
    throw new AppError('invalid', `Instance file ${file} is not a valid ${what}`, details);
  }
  return parsed.data;
}

export function optionalNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new AppError('invalid', `${flag} must be a number >= 0, not "${value}"`);
  return number;
}

/** `resources[3] "r7".minutes`: the path, with the id of the item it runs through when it has one. */
function fieldName(json: unknown, path: readonly PropertyKey[]): string {
  let node = json;
  let name = '';
  for (const key of path) {
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    if (typeof key === 'number') {
      const id = (node as { id?: unknown } | undefined)?.id;
      name += `[${key}]${typeof id === 'string' ? ` "${id}"` : ''}`;
    } else name += `${name === '' ? '' : '.'}${String(key)}`;
  }
  return name || '(file)';
}
