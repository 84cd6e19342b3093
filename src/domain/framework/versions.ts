/** Orders version labels numerically where they are numbers ("1.10.0" after "1.9.0"), else by text. */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
