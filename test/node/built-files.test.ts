import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The shipped files, read as text: no path from data to markup or code anywhere. Needs `npm run build`.
const files = readdirSync('dist', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.js'))
  .map((file) => ({ file, text: readFileSync(join('dist', file), 'utf8') }));

describe('the built files', () => {
  it('hold every file package.json names: entry points and their types, the command line, the CDN entry and its hash', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const targets = Object.values(pkg.exports as Record<string, string | Record<string, string>>)
      .flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
      .filter((target) => target.startsWith('./dist/') && !target.includes('*'));
    assert.ok(targets.length >= 12, `only ${targets.length} dist files named in exports`);
    for (const target of [...targets, pkg.unpkg, pkg.jsdelivr]) assert.ok(existsSync(target), `${target} is named in package.json but was not built`);
    assert.match(readFileSync(pkg.bin['remote-support-consent'], 'utf8'), /^#!\/usr\/bin\/env node\n/, 'the command line starts with its shebang');
    const { file, integrity } = JSON.parse(readFileSync('dist/cdn/integrity.json', 'utf8'));
    assert.equal(`./dist/cdn/${file}`, pkg.unpkg);
    assert.equal(integrity, `sha384-${createHash('sha384').update(readFileSync(join('dist/cdn', file))).digest('base64')}`);
    for (const document of readdirSync('src/terms/documents')) assert.ok(existsSync(join('dist/terms/documents', document)), document);
  });

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
    // Lit (lit, lit-element, lit-html, @lit/reactive-element), and zod for vendor documents.
    assert.deepEqual([...named].sort(), ['@lit/reactive-element', 'lit', 'lit-element', 'lit-html', 'zod']);
    for (const name of named) assert.match(licences, new RegExp(`^${name} [\\d.]+ \\((MIT|BSD-3-Clause)\\)$`, 'm'));
    assert.match(licences, /Copyright \(c\) \d{4}.*Colin McDonnell/);
  });
});
