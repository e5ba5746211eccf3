import { readFileSync } from 'node:fs';

/** The streams a command reads and writes; tests pass their own. */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const defaultIo: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {}

/** The text of FILE, or of stdin when there is no file (or it is "-"). */
export async function readInput(file: string | undefined, io: Io): Promise<string> {
  if (file && file !== '-') {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unreadable');
      throw new UsageError(`Cannot read ${file}: ${why}.`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
