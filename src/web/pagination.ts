import { z } from 'zod';
import type { PageSlice } from '../domain/paging/page-slice.ts';
import { AppError } from '../errors.ts';

const PAGE_MESSAGE = 'Page must be a whole number, 1 or more';
// Six digits is far past the last page of any list; longer is not a page number.
const pageParam = z.object({ page: z.string().trim().regex(/^\d{1,6}$/, PAGE_MESSAGE).transform(Number).refine((n) => n >= 1, PAGE_MESSAGE).optional() });

/**
 * The `page` query parameter of a paginated list, 1 when absent. A value that is not a page
 * number is a clear 400 rather than silently page 1, so a mistyped link says what is wrong.
 */
export function readPageNumber(query: unknown): number {
  const raw = (query ?? {}) as Record<string, unknown>;
  const parsed = pageParam.safeParse({ page: Array.isArray(raw.page) ? raw.page[0] : raw.page });
  if (!parsed.success) throw new AppError('invalid', `There is no such page of this list. ${PAGE_MESSAGE}.`, [{ field: 'page', message: PAGE_MESSAGE }]);
  return parsed.data.page ?? 1;
}

/** A link to another page of the same list, keeping the query parameters that choose the list. */
export function pageHref(path: string, keep: Record<string, string | undefined>, page: number, anchor: string): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(keep)) if (value) search.set(key, value);
  if (page > 1) search.set('page', String(page));
  const text = search.toString();
  return `${path}${text ? `?${text}` : ''}#${anchor}`;
}

/** Numbered NHS pagination (first, last and the pages either side); nothing when the list fits on one page. */
export function pagerView(slice: Pick<PageSlice, 'page' | 'pageCount'>, href: (page: number) => string) {
  const { page, pageCount } = slice;
  if (pageCount <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - (shown[i - 1] ?? n) > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pageCount ? { href: href(page + 1) } : undefined,
    items,
  };
}

const count = (n: number) => n.toLocaleString('en-GB');

/** "Showing 51 to 100 of 1,430 people", or "Showing all 12 people" when they fit on one page. */
export function showingText(slice: PageSlice, one: string, many: string): string {
  const { total, offset, pageSize, pageCount } = slice;
  if (total === 1) return `Showing 1 ${one}`;
  if (pageCount <= 1) return `Showing all ${count(total)} ${many}`;
  return `Showing ${count(offset + 1)} to ${count(Math.min(total, offset + pageSize))} of ${count(total)} ${many}`;
}
