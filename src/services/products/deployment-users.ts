import type { DeploymentUserRecord, ProductRepository } from '../../db/product.repository.ts';
import { pageSlice, PEOPLE_PAGE_SIZE } from '../../domain/paging/page-slice.ts';
import type { PageSlice } from '../../domain/paging/page-slice.ts';

/**
 * A deployment's current users: with `page`, only that page is read (a COUNT, then LIMIT/OFFSET),
 * as the web page shows them; without, all of them, as the API lists them.
 */
export async function deploymentUsers(
  repo: Pick<ProductRepository, 'listDeploymentUsers' | 'countDeploymentUsers' | 'listDeploymentUsersPage'>,
  deploymentId: string,
  page: number | undefined,
): Promise<{ users: DeploymentUserRecord[]; userSlice: PageSlice }> {
  if (page === undefined) {
    const all = await repo.listDeploymentUsers(deploymentId);
    return { users: all, userSlice: pageSlice(1, all.length, Math.max(1, all.length)) };
  }
  const userSlice = pageSlice(page, await repo.countDeploymentUsers(deploymentId), PEOPLE_PAGE_SIZE);
  return { users: await repo.listDeploymentUsersPage(deploymentId, { limit: userSlice.pageSize, offset: userSlice.offset }), userSlice };
}
