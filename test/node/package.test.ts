import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

// What the contract promises about the package, checked against package.json itself.
describe('package.json', () => {
  it('names the committed manifest in customElements', () => {
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(existsSync(pkg.customElements));
  });

  it('exports the element, its class, the verifier and the built-in terms, with types', () => {
    for (const entry of ['.', './element', './verify', './terms']) {
      assert.ok(pkg.exports[entry]?.types && pkg.exports[entry]?.default, entry);
    }
  });

  it('names one CDN entry file for unpkg and jsdelivr', () => {
    assert.equal(pkg.unpkg, pkg.jsdelivr);
    assert.match(pkg.unpkg, /^\.\/dist\/cdn\/[\w-]+\.js$/);
  });
});
