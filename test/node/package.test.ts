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

  it('describes the published modules in custom-elements.json: dist/…js, each compiled from src/', () => {
    const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8'));
    assert.ok(manifest.modules.length > 0);
    for (const { path } of manifest.modules) {
      assert.match(path, /^dist\/.+\.js$/);
      // tsconfig.build.json compiles src/ into dist/, file for file (the package-consumer test checks the tarball).
      assert.ok(existsSync(path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')), path);
    }
  });

  it('names the editors\' data, and ships it', () => {
    assert.equal(pkg['web-types'], './web-types.json');
    for (const file of ['custom-elements.json', 'web-types.json', 'vscode.html-custom-data.json']) {
      assert.ok(existsSync(file) && pkg.files.includes(file), file);
    }
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
