import { describe, expect, it } from 'vitest';
import { attachmentDisposition, sanitiseFileName } from './file-name.ts';

describe('sanitiseFileName', () => {
  it.each([
    ['report.pdf', 'application/pdf', 'report.pdf'],
    ['C:\\Users\\sam\\My report.PDF', 'application/pdf', 'My report.PDF'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['photo.jpg', 'image/jpeg', 'photo.jpg'],
    ['x.pdf', 'image/png', 'x.pdf.png'],
    ['evil\u202Efdp.exe', 'application/pdf', 'evilfdp.exe.pdf'],
    ['tab\tand\nnew line.png', 'image/png', 'tab and new line.png'],
    ['   ', 'image/png', 'evidence.png'],
    ['.hidden', 'image/png', 'hidden.png'],
    ['a<b>:c"d|e?f*.pdf', 'application/pdf', 'a_b__c_d_e_f_.pdf'],
  ])('%j as %s becomes %j', (raw, type, expected) => {
    expect(sanitiseFileName(raw, type)).toBe(expected);
  });

  it('shortens long names but keeps the extension', () => {
    const name = sanitiseFileName(`${'é'.repeat(300)}.pdf`, 'application/pdf');
    expect([...name]).toHaveLength(100);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact name encoded', () => {
    expect(attachmentDisposition('Café "notes".pdf')).toBe(`attachment; filename="Caf_ _notes_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22notes%22.pdf`);
  });
});
