/** Long lists of people are shown this many rows at a time (issue 14: a trust has ~1,400 people). */
export const PEOPLE_PAGE_SIZE = 50;

/** Which rows one page of a list holds, worked out from the total before the rows are read. */
export interface PageSlice {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  /** For the SQL: LIMIT pageSize OFFSET offset. */
  offset: number;
}

/**
 * A page asked for past the end shows the last page rather than an empty list: the list can
 * shrink between one click and the next (someone removed, moved or disabled), and a link that
 * still works is kinder than "nothing here". An empty list is its one page.
 */
export function pageSlice(requested: number, total: number, pageSize: number): PageSlice {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(requested)), pageCount);
  return { page, pageCount, pageSize, total, offset: (page - 1) * pageSize };
}
