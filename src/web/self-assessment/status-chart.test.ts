import { describe, expect, it } from 'vitest';
import { renderStatusChart } from './status-chart.ts';

describe('renderStatusChart', () => {
  const svg = renderStatusChart('tiers', 'Requirements met by tier', [
    { label: 'Foundational', counts: { met: 3, notMet: 1, notRated: 0, total: 4 } },
    { label: 'Advanced <Shaper>', counts: { met: 0, notMet: 0, notRated: 2, total: 2 } },
  ]);

  it('is one labelled image whose description carries every number', () => {
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="tiers-title tiers-desc"');
    expect(svg).toContain('Foundational: 3 met, 1 not met, 0 not yet rated');
  });

  it('draws segments in proportion and leaves out empty ones', () => {
    expect(svg).toContain('width="315.0" height="20" fill="#007f3b"');
    expect(svg).toContain('width="105.0" height="20" fill="#d5281b"');
    expect(svg.match(/fill="#aeb7bd"/g)).toHaveLength(2); // the second row's bar and the legend
  });

  it('names the grey segment for the basis shown', () => {
    const verified = renderStatusChart('v', 'Verified', [{ label: 'Foundational', counts: { met: 1, notMet: 0, notRated: 3, total: 4 } }], 'Not yet verified');
    expect(verified).toContain('Foundational: 1 met, 0 not met, 3 not yet verified');
    expect(verified).toContain('>Not yet verified</text>');
  });

  it('escapes labels', () => {
    expect(svg).toContain('Advanced &#60;Shaper&#62;');
    expect(svg).not.toContain('<Shaper>');
  });
});
