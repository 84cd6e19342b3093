import { describe, expect, it } from 'vitest';
import { renderJudgementChart } from './judgement-chart.ts';

const counts = (met: number, partlyMet: number, notMet: number, notApplicable: number, notJudged: number) => ({ met, partlyMet, notMet, notApplicable, notJudged, total: met + partlyMet + notMet + notApplicable + notJudged });

describe('renderJudgementChart', () => {
  it('draws each judgement as a share of the bar and describes every count in words', () => {
    const svg = renderJudgementChart('c', 'Judgements by factor', [{ label: 'Regulation & standards', counts: counts(2, 1, 0, 0, 1) }]);
    expect(svg).toContain('role="img" aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<desc id="c-desc">Regulation &#38; standards: 2 met, 1 partly met, 0 not met, 0 not applicable, 1 not yet judged</desc>');
    expect(svg).toContain('width="210.0" height="20" fill="#007f3b"');
    expect(svg).toContain('width="105.0" height="20" fill="#ffb81c"');
    expect(svg).not.toContain('fill="#d5281b"/>');
    expect(svg).toContain('>2/4</text>');
  });

  it('draws an empty bar for a factor with no questions', () => {
    expect(renderJudgementChart('c', 'T', [{ label: 'None', counts: counts(0, 0, 0, 0, 0) }])).toContain('>0/0</text>');
  });
});
