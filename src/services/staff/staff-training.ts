import type { StaffRepository } from '../../db/staff.repository.ts';
import type { PassRecord } from '../../db/product-training.repository.ts';
import { trainingCurrency } from '../../domain/products/index.ts';
import type { CurrencyStatus } from '../../domain/products/index.ts';
import { toProductVersion } from '../products/training-currency.ts';

export interface StaffProductTraining {
  productId: string;
  productName: string;
  productIsClinical: boolean;
  status: CurrencyStatus;
  dueBy: Date | null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Each person's training currency on every deployment they use, from three queries whatever the
 * number of people; the rules are the pure `trainingCurrency` the product pages use.
 */
export async function trainingOfPeople(repository: Pick<StaffRepository, 'listProductLinksOfPeople' | 'listVersionsOfProducts' | 'listPassesOfPeople'>, personIds: readonly string[], now: Date): Promise<Map<string, StaffProductTraining[]>> {
  const links = await repository.listProductLinksOfPeople(personIds);
  const productIds = [...new Set(links.map((l) => l.deployment.productId))];
  const [versionRows, passRows] = await Promise.all([repository.listVersionsOfProducts(productIds), repository.listPassesOfPeople(personIds, productIds)]);
  const versions = groupBy(versionRows, (v) => v.productId);
  const passes = groupBy(passRows, (p) => `${p.personId} ${p.productId}`);
  const result = new Map<string, StaffProductTraining[]>();
  for (const { personId, link, deployment, productName, productIsClinical } of links) {
    const theirs: PassRecord[] = passes.get(`${personId} ${deployment.productId}`) ?? [];
    const currency = trainingCurrency({ versions: (versions.get(deployment.productId) ?? []).map(toProductVersion), deployment, passes: theirs, dueBy: link.dueBy, now });
    const list = result.get(personId) ?? [];
    list.push({ productId: deployment.productId, productName, productIsClinical, status: currency.status, dueBy: currency.dueBy });
    result.set(personId, list);
  }
  return result;
}
