import net from 'node:net';
import type { ByteSource } from './file-store.ts';
import type { ScanVerdict, VirusScanner } from './virus-scanner.ts';

export type ClamdAddress = { path: string } | { host: string; port: number };

/** clamd's INSTREAM takes chunks of any size up to its StreamMaxLength in total; 64 KB keeps writes small. */
const MAX_CHUNK = 64 * 1024;
const END_OF_STREAM = Buffer.alloc(4);

/**
 * ClamAV's daemon over a Unix or TCP socket, by its INSTREAM command: `zINSTREAM\0`, then each chunk
 * as a four-byte big-endian length and the bytes, then a zero length; clamd answers one
 * NUL-terminated line, `stream: OK`, `stream: <signature> FOUND` or `<reason> ERROR`. A daemon that
 * cannot be reached, stalls, or answers anything else is an `error` verdict, never a clean one.
 */
export function createClamdScanner(address: ClamdAddress, options: { timeoutMs?: number; warn?: (message: string) => void } = {}): VirusScanner {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const where = 'path' in address ? address.path : `${address.host}:${address.port}`;
  return {
    async scan(content) {
      const verdict = await scanWithClamd(address, content, timeoutMs).catch((error: unknown): ScanVerdict => ({ status: 'error', reason: error instanceof Error ? error.message : String(error) }));
      if (verdict.status === 'error') options.warn?.(`clamd at ${where} could not scan an upload: ${verdict.reason}`);
      return verdict;
    },
  };
}

async function scanWithClamd(address: ClamdAddress, content: ByteSource, timeoutMs: number): Promise<ScanVerdict> {
  const socket = net.createConnection(address);
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
  const reply = readReply(socket);
  // clamd may answer (a size limit, say) and close before all was sent; the reply then says why.
  reply.catch(() => {});
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    await write(socket, Buffer.from('zINSTREAM\0'));
    for await (const piece of content) {
      for (let offset = 0; offset < piece.length; offset += MAX_CHUNK) {
        const chunk = piece.subarray(offset, offset + MAX_CHUNK);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        await write(socket, length);
        await write(socket, chunk);
      }
    }
    await write(socket, END_OF_STREAM);
  } catch (error) {
    const answer = await Promise.race([reply, new Promise<undefined>((resolve) => setTimeout(resolve, 100, undefined))]).catch(() => undefined);
    socket.destroy();
    if (answer) return verdictOf(answer);
    throw error;
  }
  return verdictOf(await reply);
}

function write(socket: net.Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return reject(new Error('clamd closed the connection'));
    socket.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}

/** The first NUL-terminated line clamd sends (it closes the connection after it). */
function readReply(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      received.push(data);
      const text = Buffer.concat(received).toString('utf8');
      const end = text.indexOf('\0');
      if (end >= 0) {
        resolve(text.slice(0, end));
        socket.end();
      }
    });
    socket.once('end', () => resolve(Buffer.concat(received).toString('utf8').replace(/\0$/, '')));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('clamd closed the connection without an answer')));
  });
}

export function verdictOf(reply: string): ScanVerdict {
  const line = reply.trim();
  if (line === 'stream: OK') return { status: 'clean' };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found?.[1]) return { status: 'infected', signature: found[1] };
  return { status: 'error', reason: line ? `clamd answered "${line.slice(0, 200)}"` : 'clamd gave no answer' };
}
