import { randomBytes } from 'node:crypto';

/** No 0/O, 1/I/L: nothing a customer could misread to an operator on the phone. */
export const referenceAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const length = 8;
/** The largest multiple of the alphabet's size in a byte: bytes above it would favour some letters. */
const unbiased = 256 - (256 % referenceAlphabet.length);

/** A fresh reference, `XXXX-XXXX`: 31⁸ (about 8.5 × 10¹¹) of them, drawn uniformly. */
export function newReference(): string {
  let letters = '';
  while (letters.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < unbiased && letters.length < length) letters += referenceAlphabet[byte % referenceAlphabet.length];
    }
  }
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

const spoken = new RegExp(`^([${referenceAlphabet}]{4})-?([${referenceAlphabet}]{4})$`);

/** A reference as an operator may type it (any case, with or without the hyphen) in its stored form; undefined if it cannot be one. */
export function normalReference(typed: string): string | undefined {
  const match = spoken.exec(typed.trim().toUpperCase());
  return match ? `${match[1]}-${match[2]}` : undefined;
}
