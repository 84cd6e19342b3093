import { describe, expect, it } from 'vitest';
import { parseAgentParameter, personOf } from './agent-ifi.ts';

describe('parseAgentParameter', () => {
  it.each([
    [{ mbox: 'mailto:Ada@Example.COM' }, 'mbox:mailto:ada@example.com'],
    [{ objectType: 'Agent', name: 'Ada', mbox_sha1sum: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' }, 'mbox_sha1sum:abcdef0123456789abcdef0123456789abcdef01'],
    [{ openid: 'https://id.example/ada' }, 'openid:https://id.example/ada'],
    [{ account: { homePage: 'https://lms.example/a|b', name: 'ada|42' } }, 'account:https%3A%2F%2Flms.example%2Fa%7Cb|ada|42'],
  ])('keys %j as %s', (agent, key) => {
    const parsed = parseAgentParameter(JSON.stringify(agent));
    expect(parsed).toMatchObject({ ok: true, ifi: key });
  });

  it.each([
    ['not json', '{'],
    ['an array', '[]'],
    ['no identifier', '{"name":"Ada"}'],
    ['two identifiers', '{"mbox":"mailto:a@b.c","openid":"https://a.b"}'],
    ['a mbox without mailto', '{"mbox":"a@b.c"}'],
    ['a short sha1', '{"mbox_sha1sum":"abc"}'],
    ['an openid without a scheme', '{"openid":"id.example/ada"}'],
    ['an account without a name', '{"account":{"homePage":"https://lms.example"}}'],
    ['an account with an extra key', '{"account":{"homePage":"https://lms.example","name":"a","id":1}}'],
    ['a Group', '{"objectType":"Group","mbox":"mailto:a@b.c"}'],
    ['an unknown property', '{"mbox":"mailto:a@b.c","role":"x"}'],
    ['a null name', '{"mbox":"mailto:a@b.c","name":null}'],
  ])('refuses %s', (_name, text) => {
    expect(parseAgentParameter(text).ok).toBe(false);
  });

  it('makes a Person of arrays from the agent asked about', () => {
    const parsed = parseAgentParameter('{"name":"Ada","openid":"https://id.example/ada"}');
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(personOf(parsed.agent)).toEqual({ objectType: 'Person', name: ['Ada'], mbox: [], mbox_sha1sum: [], openid: ['https://id.example/ada'], account: [] });
  });
});
