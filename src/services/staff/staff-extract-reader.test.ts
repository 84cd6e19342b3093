import { describe, expect, it } from 'vitest';
import { decodeExtract, parseExtract, readExtract } from './staff-extract-reader.ts';

const HEADER = 'Emp No,Assignment No,Forename,Surname,Primary Assignment Flag,Assignment Status,Assignment Start Date';

describe('reading an ESR extract', () => {
  it('drops a UTF-8 byte order mark and keeps leading zeros', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n00012345,00012345-1,Zoë,Example,Y,Active Assignment,01/04/2020\r\n`)]);
    const parsed = await parseExtract(bytes, {}, '2026-12-05');
    expect(parsed.rows).toMatchObject([{ employeeNumber: '00012345', firstName: 'Zoë', line: 2 }]);
  });

  it('decodes Windows-1252 when the bytes are not UTF-8', async () => {
    // ë as Latin-1 (not UTF-8), and 0x92: the curly apostrophe as Windows-1252 writes it.
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\r\n00012345,00012345-1,Zo\u00eb,O`, 'latin1'), Buffer.from([0x92]), Buffer.from('Neill,Y,Active Assignment,01/04/2020\r\n')]);
    expect(decodeExtract(bytes)).toContain('Zoë');
    const parsed = await parseExtract(bytes, {}, '2026-12-05');
    expect(parsed.rows[0]).toMatchObject({ firstName: 'Zoë', lastName: 'O\u2019Neill' });
  });

  it('reports row errors with their line and refuses a malformed file whole', async () => {
    const parsed = await parseExtract(Buffer.from(`${HEADER}\n1,1-1,A,B,Y,Active Assignment,31/02/2020\n`), {}, '2026-12-05');
    expect(parsed.readErrors).toMatchObject([{ line: 2, reason: 'bad-date' }]);
    await expect(parseExtract(Buffer.from(`${HEADER}\n1,1-1,A,B,Y\n`), {}, '2026-12-05')).rejects.toMatchObject({ code: 'invalid' });
    await expect(parseExtract(Buffer.from('Name,Email\nA,a@example.invalid\n'), {}, '2026-12-05')).rejects.toThrow(/no employeeNumber, assignmentNumber/);
    await expect(parseExtract(Buffer.from(''), {}, '2026-12-05')).rejects.toThrow(/empty/);
  });

  it('hashes what it reads', async () => {
    expect((await readExtract(Buffer.from('abc'))).sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
