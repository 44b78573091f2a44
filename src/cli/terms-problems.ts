import * as z from 'zod/mini';
import { repeatedMemberName } from '../consent/repeated-name.js';
import { termsDigest } from '../terms/digest.js';
import { termsDocumentSchema } from '../terms/schema.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const keys = Object.keys(termsDocumentSchema.shape).join(', ');

/** `clauses[0]`, `preamble`, or "the document" for the root. */
const where = (path: Path): string =>
  path.length === 0 ? 'the document' : path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');

function valueAt(json: unknown, path: Path): unknown {
  let value = json;
  for (const part of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  return value;
}

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/** One line per schema issue, in words a vendor editing the file understands (zod/mini carries no messages of its own). */
function describe(issue: Issue, json: unknown): string[] {
  const at = where(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${where([...issue.path, key])}: not a member of a terms document (the members are ${keys})`);
    case 'invalid_type': {
      const value = valueAt(json, issue.path);
      return [value === undefined ? `${at}: missing (required)` : `${at}: must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${typeOf(value)}`];
    }
    case 'too_small':
      return [issue.origin === 'array' ? `${at}: needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}` : `${at}: must not be empty`];
    case 'invalid_format':
      return [issue.format === 'date' ? `${at}: must be a real date, YYYY-MM-DD` : `${at}: must match ${issue.pattern ?? issue.format}`];
    default:
      return [`${at}: ${issue.message && issue.message !== 'Invalid input' ? issue.message : issue.code}`];
  }
}

/**
 * Everything wrong with a terms document, one line each: the schema's issues
 * (among them what no consent record may carry), a repeated member name (parsers keep
 * different ones, so the file has no one digest), and a value with no
 * canonical JSON (a lone surrogate). Empty when the element would show the
 * document, sign a consent to it, and every server would digest it alike.
 */
export async function termsProblems(json: unknown, text: string): Promise<string[]> {
  const result = z.safeParse(termsDocumentSchema, json);
  const problems = result.success ? [] : result.error.issues.flatMap((issue) => describe(issue, json));
  const repeated = repeatedMemberName(text);
  if (repeated !== undefined) problems.push(`the document repeats the member name ${JSON.stringify(repeated)}: JSON parsers keep different ones, so its digest is ambiguous`);
  await termsDigest(json).catch((error: unknown) => problems.push(`the document has no digest (${(error as Error).message})`));
  return problems;
}
