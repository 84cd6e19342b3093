import { XapiError } from '../../xapi-errors.ts';

/** Throws XapiError(400) naming the first property the body text repeats (see findRepeatedProperty). */
export function checkNoRepeatedProperties(jsonText: string): void {
  const repeated = findRepeatedProperty(jsonText);
  if (repeated !== undefined) {
    throw new XapiError(400, `${repeated} appears more than once; xAPI refuses a statement that uses a property twice`);
  }
}

/**
 * 9274.1.1 §4.2.1: "An LRS shall reject a Statement that uses a property more than once." JSON.parse keeps
 * the last of repeated keys silently, so the raw body text has to be scanned. Call this on text that
 * JSON.parse has already accepted; it returns where the first repeated property is, or undefined.
 */
export function findRepeatedProperty(jsonText: string): string | undefined {
  const stack: Frame[] = [];
  for (let at = 0; at < jsonText.length; at += 1) {
    const char = jsonText[at];
    const top = stack.at(-1);
    if (char === '{') stack.push({ kind: 'object', keys: new Set(), key: undefined, expectingKey: true });
    else if (char === '[') stack.push({ kind: 'array', index: 0 });
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',' && top?.kind === 'object') top.expectingKey = true;
    else if (char === ',' && top?.kind === 'array') top.index += 1;
    else if (char === '"') {
      const end = endOfString(jsonText, at);
      if (top?.kind === 'object' && top.expectingKey) {
        const key = JSON.parse(jsonText.slice(at, end + 1)) as string;
        if (top.keys.has(key)) {
          const parent = pathOf(stack.slice(0, -1));
          return parent ? `${parent}.${key}` : key;
        }
        top.keys.add(key);
        top.key = key;
        top.expectingKey = false;
      }
      at = end;
    }
  }
  return undefined;
}

type Frame =
  | { kind: 'object'; keys: Set<string>; key: string | undefined; expectingKey: boolean }
  | { kind: 'array'; index: number };

/** The index of the quote closing the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  return at;
}

/** A readable path to the innermost frame: key names joined by dots, array positions in brackets. */
function pathOf(frames: Frame[]): string {
  let path = '';
  for (const frame of frames) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else if (frame.key !== undefined) path += path ? `.${frame.key}` : frame.key;
  }
  return path;
}
