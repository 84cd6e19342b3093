/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505). Drizzle may wrap the
 * driver's error, so the cause is checked too; PGlite and node-postgres both set `code`.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Whether a unique violation came from the named index (a table with two unique keys needs the right message). */
export function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    const found = current as { code?: unknown; constraint?: unknown; message?: unknown };
    if (found.code === '23505') return found.constraint === constraint || (typeof found.message === 'string' && found.message.includes(constraint));
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
