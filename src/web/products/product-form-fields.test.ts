import { describe, expect, it } from 'vitest';
import { orderedFormErrors } from './product-form-fields.ts';

describe('orderedFormErrors', () => {
  it('puts problems in form order, one per field, linked to their controls', () => {
    const problems = [
      { field: 'releasedOn', message: 'Enter the release date' },
      { field: 'label', message: 'Enter a version label' },
      { field: 'label', message: 'A second message' },
      { field: '', message: 'Something else' },
    ];
    expect(orderedFormErrors(problems, ['label', 'releasedOn'], { releasedOn: 'releasedOn-day' }, 'version-form')).toEqual([
      { field: 'label', href: '#label', text: 'Enter a version label' },
      { field: 'releasedOn', href: '#releasedOn-day', text: 'Enter the release date' },
      { field: '', href: '#version-form', text: 'Something else' },
    ]);
  });
});
