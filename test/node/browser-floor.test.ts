import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSource, esRules, floor, formatFinding, type Finding } from '../../scripts/browser-floor.mjs';

/** The one problem a sample has, after asserting that there is exactly one. */
async function onlyProblem(code: string): Promise<Finding> {
  const { problems } = await checkSource(code);
  assert.equal(problems.length, 1, `one problem expected in ${code}, got:\n${problems.map(formatFinding).join('\n')}`);
  return problems[0]!;
}

/** The floor browsers the finding says lack the feature, with the version that added it: `['Firefox 115>119']`. */
const lacks = (finding: Finding) => finding.lacking.map((l) => `${l.browser} ${l.floor}>${l.added}`).sort();

// The floor check reads what ships against the data, since CI has only current browsers. Each sample
// is what a floor browser lacks; the expected lacks are @mdn/browser-compat-data's, checked by hand.
describe('browser floor check', () => {
  it('takes the floor from package.json: Chrome and Edge 111, Firefox 115, Safari and iOS Safari 16.4', () => {
    assert.deepEqual(floor, { chrome: '111', edge: '111', firefox: '115', safari: '16.4', safari_ios: '16.4' });
  });

  it('fails String.prototype.isWellFormed, which Firefox 115 lacks (the bug that broke it)', async () => {
    const problem = await onlyProblem("const ok = 'x'.isWellFormed();");
    assert.match(problem.feature, /String\.prototype\.isWellFormed/);
    assert.deepEqual(lacks(problem), ['Firefox 115>119']);
    assert.match(formatFinding(problem), /^input\.js:1:12 .*isWellFormed.*Firefox 115 \(added in 119\)/);
  });

  it('finds isWellFormed by name too, on an object whose type a minified bundle does not say', async () => {
    const problem = await onlyProblem('export const f = (e) => e.isWellFormed();');
    assert.match(problem.feature, /isWellFormed/);
    assert.equal(problem.by, 'web-api (by name)');
    assert.deepEqual(lacks(problem), ['Firefox 115>119']);
  });

  it('fails Object.groupBy', async () => {
    const problem = await onlyProblem('Object.groupBy(a, f);');
    assert.match(problem.feature, /Object\.groupBy/);
    assert.deepEqual(lacks(problem), ['Chrome 111>117', 'Edge 111>117', 'Firefox 115>119', 'Safari 16.4>17.4', 'Safari on iOS 16.4>17.4']);
  });

  it('fails Promise.withResolvers', async () => {
    const problem = await onlyProblem('const { promise, resolve } = Promise.withResolvers();');
    assert.match(problem.feature, /Promise\.withResolvers/);
    assert.deepEqual(lacks(problem), ['Chrome 111>119', 'Edge 111>119', 'Firefox 115>121', 'Safari 16.4>17.4', 'Safari on iOS 16.4>17.4']);
  });

  it("fails the RegExp v flag, in a literal and in new RegExp", async () => {
    const problem = await onlyProblem('const letters = /[\\p{L}--[a-z]]/v;');
    assert.match(problem.feature, /RegExp 'v' flag/);
    assert.deepEqual(lacks(problem), ['Chrome 111>112', 'Edge 111>112', 'Firefox 115>116', 'Safari 16.4>17', 'Safari on iOS 16.4>17']);
    assert.match((await onlyProblem("new RegExp('[a]', 'v');")).feature, /'v' flag/);
  });

  it('fails Array.fromAsync, which Chrome and Edge 111 lack', async () => {
    const problem = await onlyProblem('await Array.fromAsync(x);');
    assert.match(problem.feature, /Array\.fromAsync/);
    assert.deepEqual(lacks(problem), ['Chrome 111>121', 'Edge 111>121']);
  });

  it('fails the Set methods', async () => {
    const problem = await onlyProblem('new Set().union(s);');
    assert.match(problem.feature, /Set\.prototype\.union/);
    assert.deepEqual(lacks(problem), ['Chrome 111>122', 'Edge 111>122', 'Firefox 115>127', 'Safari 16.4>17', 'Safari on iOS 16.4>17']);
  });

  it('fails Element.checkVisibility, which Safari 16.4 lacks', async () => {
    const problem = await onlyProblem('if (el.checkVisibility()) show();');
    assert.match(problem.feature, /Element\.prototype\.checkVisibility/);
    assert.deepEqual(lacks(problem), ['Safari 16.4>17.4', 'Safari on iOS 16.4>17.4']);
  });

  it('fails navigator.userActivation, which Firefox 115 lacks', async () => {
    const problem = await onlyProblem('const active = navigator.userActivation.isActive;');
    assert.match(problem.feature, /Navigator\.prototype\.userActivation/);
    assert.deepEqual(lacks(problem), ['Firefox 115>120']);
  });

  it('fails a new global and a new static member, exactly', async () => {
    assert.match((await onlyProblem("new URLPattern({ pathname: '/a' });")).feature, /URLPattern/);
    assert.match((await onlyProblem('const s = AbortSignal.any([a, b]);')).feature, /AbortSignal\.any/);
    assert.match((await onlyProblem('const i = Iterator.from(x);')).feature, /Iterator/);
  });

  it('fails what the parser cannot read (decorators)', async () => {
    const problem = await onlyProblem('@bound class A {}');
    assert.equal(problem.by, 'parser');
  });

  it('reports the line of a use in a longer file', async () => {
    const problem = await onlyProblem('const a = 1;\nconst b = 2;\nexport const c = `${a}${b}`.toWellFormed();\n');
    assert.equal(problem.line, 3);
    assert.match(problem.feature, /toWellFormed/);
  });

  it('passes what the floor has', async () => {
    const { problems } = await checkSource(`
      class A extends HTMLElement { #x = 1; static { customElements.define('a-b', this); } get x() { return this.#x; } }
      const last = [3, 1, 2].toSorted().at(-1) ?? [].findLast((n) => n > 1);
      const copy = structuredClone({ a: Object.hasOwn({}, 'a') });
      const shadow = document.createElement('div').attachShadow({ mode: 'open', delegatesFocus: true });
      shadow.adoptedStyleSheets = [new CSSStyleSheet()];
      addEventListener('pagehide', () => {}, { capture: true, signal: AbortSignal.timeout(5) });
      const id = crypto.randomUUID() + new URL('a', location.href).searchParams.get('a');
      const key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      const date = new Intl.DateTimeFormat('ja', { dateStyle: 'long' }).format(new Date());
      const chunk = await import('./chunk.js');
      export { A, last, copy, id, key, date, chunk };
    `);
    assert.deepEqual(problems.map(formatFinding), []);
  });

  it('allows a use behind a feature test, and lists it', async () => {
    const { problems, guarded } = await checkSource(`
      export const visible = (el) => ('checkVisibility' in el ? el.checkVisibility() : el.offsetParent !== null);
      export const blocked = () => navigator.userActivation && !navigator.userActivation.isActive;
      export const wellFormed = (s) => (typeof s.isWellFormed === 'function' ? s.isWellFormed() : true);
    `);
    assert.deepEqual(problems.map(formatFinding), []);
    assert.deepEqual([...new Set(guarded.map((f) => f.feature))].sort(), [
      'Element.prototype.checkVisibility',
      'Navigator.prototype.userActivation',
      'String.prototype.isWellFormed',
    ]);
  });

  it('still fails a use that a test elsewhere does not cover', async () => {
    const problem = await onlyProblem(`
      export const visible = (el) => ('checkVisibility' in el ? el.checkVisibility() : true);
      export const hidden = (el) => !el.checkVisibility();
    `);
    assert.equal(problem.line, 3);
  });

  it("takes a member the code defines itself for the code's own", async () => {
    const { problems } = await checkSource('const schema = { union: (a, b) => [a, b] }; export const u = schema.union(1, 2);');
    assert.deepEqual(problems.map(formatFinding), []);
  });

  it('turns on the es-x rules the data says the floor lacks, and no other', () => {
    const on = new Set(esRules.filter((rule) => rule.on).map((rule) => rule.name));
    for (const name of ['no-string-prototype-iswellformed', 'no-object-groupby', 'no-promise-withresolvers', 'no-regexp-v-flag', 'no-array-fromasync', 'no-set-prototype-union', 'no-iterator-prototype-map', 'no-regexp-modifiers', 'no-import-attributes', 'no-intl-numberformat-prototype-formatrange']) {
      assert.ok(on.has(name), name);
    }
    for (const name of ['no-array-prototype-findlast-findlastindex', 'no-array-prototype-tosorted', 'no-class-static-block', 'no-regexp-lookbehind-assertions', 'no-top-level-await', 'no-hashbang', 'no-object-hasown']) {
      assert.ok(!on.has(name), name);
    }
  });
});
