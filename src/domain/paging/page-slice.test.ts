import { describe, expect, it } from 'vitest';
import { pageSlice } from './page-slice.ts';

describe('pageSlice', () => {
  it('works out the offset of a page inside the list', () => {
    expect(pageSlice(2, 1430, 50)).toEqual({ page: 2, pageCount: 29, pageSize: 50, total: 1430, offset: 50 });
  });

  it('shows the last page for a page past the end', () => {
    expect(pageSlice(99, 120, 50)).toMatchObject({ page: 3, pageCount: 3, offset: 100 });
  });

  it('treats an empty list as one page', () => {
    expect(pageSlice(1, 0, 50)).toMatchObject({ page: 1, pageCount: 1, offset: 0 });
    expect(pageSlice(4, 0, 50)).toMatchObject({ page: 1, offset: 0 });
  });
});
