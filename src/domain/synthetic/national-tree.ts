import type { OrganisationKind } from '../people/organisation-kinds.ts';
import type { SettingId } from '../people/profile-options.ts';
import { pickWeighted, randomFor } from './synthetic-random.ts';
import type { Random } from './synthetic-random.ts';

/**
 * The benchmark's national organisation tree (docs/scale.md §6): 1 nation → 7 regions → 42 ICSs →
 * ~220 trusts and ~1,250 PCNs → ~6,300 practices, with invented but real-looking names and ODS-like
 * codes. Streamed parents first, so a loader can insert each organisation after its parent.
 */
export interface SyntheticOrganisation {
  key: string;
  parentKey: string | null;
  kind: OrganisationKind;
  name: string;
  odsCode: string;
  /** Where most of its staff work: a trust's type, primary care for PCNs and practices. */
  setting: SettingId;
}

export interface TreeShape {
  regions: number;
  icsPerRegion: number;
  trusts: number;
  pcns: number;
  practices: number;
}

export const NATIONAL_TREE: TreeShape = { regions: 7, icsPerRegion: 6, trusts: 220, pcns: 1250, practices: 6300 };

const REGION_NAMES = ['North East and Yorkshire', 'North West', 'Midlands', 'East of England', 'London', 'South East', 'South West'];
const PREFIXES = ['Ash', 'Brad', 'Carl', 'Dun', 'Elm', 'Fair', 'Green', 'Hol', 'Kings', 'Lin', 'Mar', 'Nor', 'Oak', 'Pen', 'Red', 'Stan', 'Thorn', 'Wes', 'Whit', 'Brook', 'Castle', 'Hart', 'Long', 'Wood'];
const SUFFIXES = ['ford', 'ton', 'bury', 'field', 'ham', 'ley', 'wick', 'mouth', 'chester', 'by', 'stead', 'worth', 'combe', 'minster'];
const QUALIFIERS = ['', 'North ', 'South ', 'East ', 'West ', 'Upper ', 'Lower ', 'Old ', 'New ', 'Great ', 'Little ', 'Market '];
const PRACTICE_STYLES = ['{} Surgery', '{} Medical Centre', '{} Health Centre', 'The {} Practice', '{} Family Practice', '{} Group Practice'];
const TRUST_TYPES: ReadonlyArray<readonly [{ setting: SettingId; name: string }, number]> = [
  [{ setting: 'acute', name: '{} Hospitals NHS Foundation Trust' }, 40],
  [{ setting: 'acute', name: '{} Teaching Hospitals NHS Trust' }, 22],
  [{ setting: 'mental-health', name: '{} Mental Health NHS Foundation Trust' }, 22],
  [{ setting: 'community', name: '{} Community Health NHS Trust' }, 10],
  [{ setting: 'ambulance', name: '{} Ambulance Service NHS Trust' }, 6],
];

const PLACE_COUNT = PREFIXES.length * SUFFIXES.length;

/** The n-th invented place name; a stride coprime with the table scatters neighbours apart. */
export function placeName(n: number): string {
  const total = PLACE_COUNT * QUALIFIERS.length;
  const i = (n * 7919) % total;
  const base = i % PLACE_COUNT;
  return `${QUALIFIERS[Math.floor(i / PLACE_COUNT)] ?? ''}${PREFIXES[base % PREFIXES.length] ?? ''}${SUFFIXES[Math.floor(base / PREFIXES.length)] ?? ''}`;
}

const styled = (style: string, place: string) => style.replace('{}', place);
const digits = (n: number, width: number) => String(n).padStart(width, '0');
/** Two characters from 0-9A-Z: enough for the 42 ICS and 220 trust codes. */
const twoChars = (n: number) => (Math.floor(n / 36) % 36).toString(36).toUpperCase() + (n % 36).toString(36).toUpperCase();

/** How many of `total` children the i-th of `parents` gets: as even as possible. */
function share(total: number, parents: number, i: number): number {
  return Math.floor(total / parents) + (i < total % parents ? 1 : 0);
}

function* regionAndIcss(shape: TreeShape): Generator<SyntheticOrganisation> {
  for (let r = 0; r < shape.regions; r++) {
    const region = `region-${r}`;
    yield { key: region, parentKey: 'nation', kind: 'region', name: REGION_NAMES[r] ?? `Region ${r + 1}`, odsCode: `Y${digits(56 + r, 2)}`, setting: 'national-body' };
    for (let i = 0; i < shape.icsPerRegion; i++) {
      const n = r * shape.icsPerRegion + i;
      yield { key: `ics-${n}`, parentKey: region, kind: 'integrated-care-system', name: `${placeName(n)} and ${placeName(n + 1000)} ICS`, odsCode: `Q${twoChars(n + 36)}`, setting: 'integrated-care-system' };
    }
  }
}

function* trusts(shape: TreeShape, random: Random, icsCount: number): Generator<SyntheticOrganisation> {
  for (let t = 0; t < shape.trusts; t++) {
    const type = pickWeighted(random, TRUST_TYPES);
    yield { key: `trust-${t}`, parentKey: `ics-${t % icsCount}`, kind: 'trust', name: styled(type.name, placeName(t + 2000)), odsCode: `R${twoChars(t + 36)}`, setting: type.setting };
  }
}

function* pcnsAndPractices(shape: TreeShape, random: Random, icsCount: number): Generator<SyntheticOrganisation> {
  let practice = 0;
  for (let p = 0; p < shape.pcns; p++) {
    const pcn = `pcn-${p}`;
    yield { key: pcn, parentKey: `ics-${p % icsCount}`, kind: 'primary-care-network', name: `${placeName(p + 3000)} Primary Care Network`, odsCode: `U${digits(10000 + p, 5)}`, setting: 'primary-care' };
    for (let k = share(shape.practices, shape.pcns, p); k > 0; k--, practice++) {
      const style = PRACTICE_STYLES[Math.floor(random() * PRACTICE_STYLES.length)] ?? '{} Surgery';
      const letter = 'ABCDEFGHJKLMNP'[practice % 14] ?? 'A';
      yield { key: `practice-${practice}`, parentKey: pcn, kind: 'practice', name: styled(style, placeName(practice)), odsCode: `${letter}${digits(80000 + practice, 5)}`, setting: 'primary-care' };
    }
  }
}

/** The whole tree, parents before children; the same for the same seed and shape. */
export function* nationalTree(seed: number, shape: TreeShape = NATIONAL_TREE): Generator<SyntheticOrganisation> {
  const random = randomFor(seed, 'tree');
  yield { key: 'nation', parentKey: null, kind: 'national', name: 'NHS England (synthetic)', odsCode: 'X24', setting: 'national-body' };
  yield* regionAndIcss(shape);
  const icsCount = shape.regions * shape.icsPerRegion;
  yield* trusts(shape, random, icsCount);
  yield* pcnsAndPractices(shape, random, icsCount);
}
