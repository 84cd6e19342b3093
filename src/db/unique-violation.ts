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
