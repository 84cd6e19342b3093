import { describe, expect, it } from 'vitest';
import { XapiError } from '../../xapi-errors.ts';
import { checkNoRepeatedProperties, findRepeatedProperty } from './repeated-properties.ts';

describe('XAPI-00021: findRepeatedProperty (9274.1.1 §4.2.1: a property used more than once)', () => {
  it.each([
    ['{"actor":{},"verb":{},"actor":{}}', 'actor'],
    ['{"actor":{"mbox":"mailto:a@b.example","mbox":"mailto:c@d.example"}}', 'actor.mbox'],
    ['[{"id":"1"},{"verb":{"id":"x","display":{"en":"a","en":"b"}}}]', '[1].verb.display.en'],
    ['{"context":{"extensions":{"urn:a":1,"urn:a":2}}}', 'context.extensions.urn:a'],
    ['{"a":"x","\\u0061":"y"}', 'a'],
    ['{"object":{"definition":{"choices":[{"id":"a"},{"id":"b","id":"c"}]}}}', 'object.definition.choices[1].id'],
  ])('finds the repeat in %s', (text, path) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(findRepeatedProperty(text)).toBe(path);
  });

  it.each([
    '{"actor":{"mbox":"mailto:a@b.example"},"verb":{"id":"x"},"object":{"id":"y"}}',
    '[{"id":"1"},{"id":"2"}]',
    '{"a":{"b":1},"c":{"b":2}}',
    '{"text":"a \\"quoted\\" \\\\ string with , and : and { [","key":"\\"actor\\""}',
    '{"a":["actor","actor"],"b":[{"x":1},{"x":2}]}',
  ])('accepts %s', (text) => {
    expect(findRepeatedProperty(text)).toBeUndefined();
  });

  it('checkNoRepeatedProperties refuses with a 400 naming the path', () => {
    const refusal = (() => {
      try {
        checkNoRepeatedProperties('{"result":{"success":true,"success":false}}');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(XapiError);
    expect((refusal as XapiError).statusCode).toBe(400);
    expect((refusal as XapiError).message).toBe('result.success appears more than once; xAPI refuses a statement that uses a property twice');
  });
});
