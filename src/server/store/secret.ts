import { randomBytes } from 'node:crypto';

/** The `settings` row that holds the challenge secret. */
export const secretName = 'challenge-secret';

/** A candidate secret: the first instance to write it wins, the others read it back. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
