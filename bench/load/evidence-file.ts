import { randomBytes } from 'node:crypto';

/**
 * A valid one-page PDF of exactly `totalBytes`, its bulk an image stream of random (so
 * incompressible) bytes: what a large scanned certificate looks like to the hub.
 */

const HEAD = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
const OBJECTS = [
  '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
  '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
  '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Scan 4 0 R >> >> >>\nendobj\n',
];
const END_STREAM = '\nendstream\nendobj\n';

const streamHeader = (length: number) => `4 0 obj\n<< /Type /XObject /Subtype /Image /Width 1000 /Height ${Math.ceil(length / 1000)} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${length} >>\nstream\n`;

function crossReference(offsets: readonly number[], xrefAt: number): string {
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  return `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
}

export function largePdf(totalBytes: number): Buffer {
  // Latin-1 throughout, so a character is a byte and string lengths are offsets.
  const offsets: number[] = [];
  let prefix = HEAD;
  for (const object of OBJECTS) {
    offsets.push(prefix.length);
    prefix += object;
  }
  offsets.push(prefix.length);
  const footer = (length: number) => END_STREAM + crossReference(offsets, prefix.length + streamHeader(length).length + length + END_STREAM.length);
  // The stream's length is written inside the file, so settle its digits by repeating.
  let length = totalBytes;
  for (let pass = 0; pass < 4; pass++) length = totalBytes - prefix.length - streamHeader(length).length - footer(length).length;
  const file = Buffer.concat([Buffer.from(prefix + streamHeader(length), 'latin1'), randomBytes(length), Buffer.from(footer(length), 'latin1')]);
  if (file.length !== totalBytes) throw new Error(`the PDF came out at ${file.length} bytes, not ${totalBytes}`);
  return file;
}
