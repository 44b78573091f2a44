import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConsentError } from '../../src/errors.js';
import { checkRedirect } from '../../src/redirect.js';
import { defaultAllowed, redirectCases } from '../vectors.js';

describe('the open-redirect rule in Node', () => {
  for (const { name, url, allowed = defaultAllowed, expect } of redirectCases) {
    it(`${expect ? 'accepts' : 'refuses'} ${name}`, () => {
      if (expect) return assert.equal(checkRedirect(url, allowed), expect);
      assert.throws(() => checkRedirect(url, allowed), (error: unknown) => error instanceof ConsentError && error.code === 'redirect-not-allowed');
    });
  }
});
