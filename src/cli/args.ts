import { parseArgs } from 'node:util';
import { CliError } from './errors.js';
import type { TermsAction } from './terms-command.js';
import { usageLines } from './usage.js';
import type { VerifyArguments } from './verify-command.js';

/** What the command line asks for. */
export type Command = { kind: 'help' } | { kind: 'terms'; action: TermsAction; file: string } | ({ kind: 'verify' } & VerifyArguments);

const actions: readonly string[] = ['digest', 'integrity', 'check'] satisfies TermsAction[];

const usage = (reason: string, line: string = usageLines.any): never => {
  throw new CliError('usage', [reason], line);
};

/** The usage line for what the arguments seem to attempt. */
const lineFor = (first: string | undefined) => (first === 'terms' || first === 'verify' ? usageLines[first] : usageLines.any);

/** argv (without node and the script) → a command, or a usage `CliError`. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        terms: { type: 'string', multiple: true },
        // Multiple, so that giving one twice is an error rather than the last silently winning.
        nonce: { type: 'string', multiple: true },
        keys: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    // Node's own wording, its first sentence: the rest is advice spread over further lines.
    return usage((error as Error).message.split('\n')[0]!, lineFor(argv[0]));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [name, ...rest] = positionals;
  if (name === 'terms') {
    const [action, file, ...extra] = rest;
    if (action === undefined || !actions.includes(action)) return usage(action === undefined ? 'terms: which of digest, integrity or check?' : `terms: unknown action "${action}"`, usageLines.terms);
    if (file === undefined) return usage(`terms ${action}: which file?`, usageLines.terms);
    if (extra.length) return usage(`terms ${action}: one file only (also given: ${extra.join(' ')})`, usageLines.terms);
    const options = Object.keys(values).map((option) => `--${option}`);
    if (options.length) return usage(`terms ${action}: takes no ${options.join(', ')}`, usageLines.terms);
    return { kind: 'terms', action: action as TermsAction, file };
  }
  if (name === 'verify') {
    const [file, ...extra] = rest;
    if (file === undefined) return usage('verify: which file?', usageLines.verify);
    if (extra.length) return usage(`verify: one file only (also given: ${extra.join(' ')}); accepted terms go after --terms`, usageLines.verify);
    return { kind: 'verify', file, terms: values.terms ?? [], nonce: once(values.nonce, 'nonce'), keys: once(values.keys, 'keys') };
  }
  return usage(name === undefined ? 'no command' : `unknown command "${name}"`);
}

/** An option that may be given at most once, and not empty. */
function once(given: string[] | undefined, option: string): string | undefined {
  if (given === undefined) return undefined;
  if (given.length > 1) return usage(`verify: --${option} given ${given.length} times`, usageLines.verify);
  if (given[0] === '') return usage(`verify: --${option} is empty`, usageLines.verify);
  return given[0];
}
