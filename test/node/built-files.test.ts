import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The shipped files, read as text: no path from data to markup or code anywhere. Needs `npm run build`.
const files = readdirSync('dist', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.js'))
  .map((file) => ({ file, text: readFileSync(join('dist', file), 'utf8') }));

describe('the built files', () => {
  it('exist', () => assert.ok(files.length > 20));

  it('contain no eval-like path at all', () => {
    for (const { file, text } of files) {
      assert.doesNotMatch(text, /\beval\(|new Function\b|setTimeout\(\s*['"`]|insertAdjacentHTML|outerHTML\s*=|document\.write|unsafeHTML|unsafeStatic|srcdoc|createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe|DOMParser/, file);
    }
  });

  it('write markup only where Lit builds its own <template> from static template strings', () => {
    const writes = files.flatMap(({ file, text }) => [...text.matchAll(/innerHTML/g)].map(() => file));
    // Lit's createElement: `template.innerHTML = <the static strings of an html`` literal>`, under its Trusted Types policy.
    assert.deepEqual(writes, ['cdn/remote-support-consent.js']);
    const cdn = files.find(({ file }) => file === 'cdn/remote-support-consent.js')!.text;
    assert.match(cdn, /createElement\(`template`\);return \w+\.innerHTML=\w+,\w+/);
  });

  it('carry the notices of the code they bundle: a banner naming it, and its licence text beside them', () => {
    const licences = readFileSync('dist/cdn/THIRD-PARTY-LICENSES.txt', 'utf8');
    const cdnFiles = files.filter(({ file }) => file.startsWith('cdn/'));
    const named = new Set(cdnFiles.flatMap(({ text }) => /^\/\*! [^|]+\| MIT License(?: \| includes ([^:]+): see THIRD-PARTY-LICENSES\.txt)? \*\//.exec(text)?.[1]?.split(', ') ?? []));
    assert.ok(cdnFiles.every(({ text }) => text.startsWith('/*! remote-support-consent ')));
    // Lit's templates (lit-html, re-exported by lit), without ReactiveElement or LitElement: see src/view/element-base.ts.
    assert.deepEqual([...named].sort(), ['@lit/localize', 'lit', 'lit-html', 'zod']);
    for (const name of named) assert.match(licences, new RegExp(`^${name} [\\d.]+ \\((MIT|BSD-3-Clause)\\)$`, 'm'));
    assert.match(licences, /Copyright \(c\) \d{4}.*Colin McDonnell/);
  });
});
