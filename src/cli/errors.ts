/** Why a command failed. Stable: tests and scripts that run the command in-process branch on it. */
export type CliErrorCode =
  /** The arguments do not make a command. */
  | 'usage'
  /** A file is missing, unreadable, too large or not UTF-8 text. */
  | 'unreadable-file'
  /** A file that must hold JSON does not. */
  | 'not-json'
  /** A terms document breaks the schema, or has no well-defined digest. */
  | 'terms-invalid'
  /** `--keys` holds no usable public key. */
  | 'bad-keys'
  /** JSON that is not the operator look-up's answer. */
  | 'not-evidence'
  /** The verifier refused the JWS. */
  | 'not-verified'
  /** The JWS verifies, but the evidence around it does not match it. */
  | 'evidence-mismatch'
  /** A failure no check foresaw: still one line and exit 1, never a stack trace. */
  | 'unexpected';

/** A failed command: one line per reason (several only for a list of problems), and the usage line for a usage error. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    readonly lines: readonly [string, ...string[]],
    readonly usage?: string,
  ) {
    super(lines.join('; '));
  }
}
