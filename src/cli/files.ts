import { closeSync, openSync, readSync } from 'node:fs';
import { CliError } from './errors.js';

/** Far above any terms document, JWS (8 KiB at most) or evidence file: a bigger file is a mistake, and is not read whole. */
const maxBytes = 1024 * 1024;

/** Reading stops at the first byte past the limit, so a huge file (or an endless pipe) costs nothing. */
function readBounded(path: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const chunk = new Uint8Array(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw new CliError('unreadable-file', [`${path}: larger than ${maxBytes / 1024 / 1024} MiB, so not a terms document, a JWS or an evidence file`]);
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

const reasons: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'no such file (a parent is not a directory)',
};

/** Strict UTF-8; a leading byte order mark is dropped, as `fetch` drops it for the element. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text, or a `CliError` that says in one line why there is none. */
export function readText(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readBounded(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CliError('unreadable-file', [`${path}: ${reasons[code] ?? `cannot be read (${(error as Error).message})`}`]);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CliError('unreadable-file', [`${path}: not UTF-8 text`]);
  }
}

/** A file's JSON value as `JSON.parse` reads it (what the digest is defined over), with its text. */
export function readJson(path: string): { json: unknown; text: string } {
  const text = readText(path);
  try {
    return { json: JSON.parse(text), text };
  } catch (error) {
    throw new CliError('not-json', [`${path}: not JSON (${(error as Error).message})`]);
  }
}
