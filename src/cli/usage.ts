/** The name users type, and the prefix of every message. */
export const program = 'remote-support-consent';

/** One usage line per command, printed under a usage error. */
export const usageLines = {
  terms: `${program} terms digest|integrity|check <file>`,
  verify: `${program} verify <file> [--terms <file>]... [--nonce <challenge>] [--keys <file>]`,
  any: `${program} terms digest|integrity|check <file> | verify <file> [options] | --help`,
} as const;

/** `--help`. */
export const help = `${program}: terms documents and signed consents of <remote-support-consent>, from the shell

Usage:
  ${program} terms digest <file>
      print the document's digest (base64url SHA-256 of its RFC 8785 canonical JSON)
  ${program} terms integrity <file>
      print the value for the element's terms-integrity attribute (sha256-<digest>)
  ${program} terms check <file>
      check the document against the schema: one line per problem
  ${program} verify <file> [--terms <file>]... [--nonce <challenge>] [--keys <file>]
      check a consent offline, whatever its age, and print its record (JSON).
      <file> holds the compact JWS, or the evidence the server's operator
      look-up answers: { record, jws, terms, reference, storedAt }
      --terms <file>       accept this terms document too (the built-in ones
                           always are; an evidence file's own terms also are)
      --nonce <challenge>  the challenge the record must carry
      --keys <file>        the public JWK or JWK Set of your sign-url server:
                           only these keys may have signed
  ${program} --help

Exit status: 0 on success; 1 on failure, with the reason on stderr.
`;
