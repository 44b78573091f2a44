import { parseCommand, type Command } from './args.js';
import { CliError, type CliErrorCode } from './errors.js';
import { termsCommand } from './terms-command.js';
import { help, program } from './usage.js';
import { verifyCommand } from './verify-command.js';

/** What a run prints and how it exits; `code` says why it failed. */
export interface Outcome {
  exitCode: 0 | 1;
  stdout: string;
  stderr: string;
  code?: CliErrorCode;
}

function run(command: Command): Promise<string> {
  switch (command.kind) {
    case 'help':
      return Promise.resolve(help);
    case 'terms':
      return termsCommand(command.action, command.file);
    case 'verify':
      return verifyCommand(command);
  }
}

/** Longer lines are cut: a message may quote a hostile file, and a terminal is not the place for all of it. */
const maxLine = 1000;

/** Control characters (a newline in a file name or a quoted value) are escaped, so each reason stays one line. */
const oneLine = (text: string): string => {
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > maxLine ? `${escaped.slice(0, maxLine)}…` : escaped;
};

/** Runs the command line `argv` (without node and the script), never throwing: a failure is exit code 1 with its reason. */
export async function main(argv: readonly string[]): Promise<Outcome> {
  try {
    return { exitCode: 0, stdout: await run(parseCommand(argv)), stderr: '' };
  } catch (error) {
    const failure = error instanceof CliError ? error : new CliError('unexpected', [`unexpected error: ${String(error)}`]);
    const lines = [...failure.lines.map((line) => `${program}: ${line}`), ...(failure.usage ? [`usage: ${failure.usage}`] : [])];
    return { exitCode: 1, stdout: '', stderr: `${lines.map(oneLine).join('\n')}\n`, code: failure.code };
  }
}
