import { describe, expect, it } from 'vitest';
import { selfHostedStylesheet } from './stylesheet.ts';

const NHS_RULE = '@font-face{font-family:Frutiger W01;font-weight:400;src:url(https://assets.nhs.uk/fonts/FrutigerLTW01-55Roman.woff2) format("woff2"),url(https://assets.nhs.uk/fonts/FrutigerLTW01-55Roman.woff) format("woff")}';

describe('selfHostedStylesheet', () => {
  it.each([
    { name: 'no font files: the installed typeface only', files: [], src: 'src:local("FrutigerLTW01-55Roman")}' },
    { name: 'the organisation has the woff2', files: ['FrutigerLTW01-55Roman.woff2'], src: 'src:local("FrutigerLTW01-55Roman"),url(/static/fonts/FrutigerLTW01-55Roman.woff2) format("woff2")}' },
  ])('$name', ({ files, src }) => {
    const css = selfHostedStylesheet(`a{color:red}${NHS_RULE}b{color:blue}`, new Set(files));
    expect(css).not.toMatch(/https?:/);
    expect(css).toContain(src);
    expect(css).toMatch(/^a\{color:red\}@font-face\{font-family:Frutiger W01;font-weight:400;src:.*\}b\{color:blue\}$/);
  });

  it('leaves a font-face with only same-origin sources alone', () => {
    const rule = '@font-face{font-family:X;src:url(/x.woff2) format("woff2")}';
    expect(selfHostedStylesheet(rule, new Set())).toBe(rule);
  });
});
