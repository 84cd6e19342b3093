import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrosswalkError } from '../domain/assurance/crosswalk.ts';
import { BUNDLED_CROSSWALK_FILE, bundledCrosswalk, loadCrosswalkFile } from './bundled-crosswalk.ts';

describe('bundled crosswalk', () => {
  it('is read once and shared', () => {
    const first = bundledCrosswalk();
    expect(first.doc.id).toBe('assurance-crosswalk');
    expect(bundledCrosswalk()).toBe(first);
  });

  it('refuses a broken file, naming the file and the bad entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crosswalk-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ ...bundledCrosswalk().doc, links: [{ question: 'a3-01', item: 'nowhere', rationale: 'Because.', source: 'X' }] }));
    expect(() => loadCrosswalkFile(file)).toThrow(CrosswalkError);
    expect(() => loadCrosswalkFile(file)).toThrow(/broken\.json is not a valid assurance crosswalk:[\s\S]*link a3-01 → nowhere: unknown item nowhere/);
  });

  it('checks question ids when given them', () => {
    expect(() => loadCrosswalkFile(BUNDLED_CROSSWALK_FILE, ['a3-01', 'zz-99'])).toThrow(/unknown question a3-02[\s\S]*question zz-99 has no link/);
  });
});
