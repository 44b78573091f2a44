import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
// @ts-expect-error: a script of the repository, without types
import { CatalogError, catalogFiles, writeCatalogs } from '../../scripts/catalogs.mjs';
import { catalog, sourceMessages } from '../../src/i18n/catalog.js';
import { templates as en } from '../../src/i18n/locales/en.js';
import { receptionMessages, sourceMessages as receptionSource } from '../../src/reception/messages.js';
import { templates as receptionEn } from '../../src/reception/locales/en.js';

type Messages = Record<string, (...values: string[]) => string>;

/** Distinct values for a message's parameters, so that each one's place in the text shows. */
const values = (message: (...values: string[]) => string) => Array.from({ length: message.length }, (_, i) => `«value ${i}»`);

describe('the generated catalogs', () => {
  const pairs: [string, Messages, Messages, Messages][] = [
    ['UI', sourceMessages, catalog, en],
    ['reception notice', receptionSource, receptionMessages, receptionEn],
  ];
  for (const [name, source, generated, translated] of pairs) {
    it(`say what the ${name}'s source messages say, each value in its place`, () => {
      assert.deepEqual(Object.keys(generated).sort(), Object.keys(source).sort());
      for (const [key, message] of Object.entries(source)) {
        assert.equal(generated[key]!(...values(message)), message(...values(message)), key);
        assert.equal(generated[key]!.length, message.length, `${key} takes as many values as its source`);
      }
    });

    it(`hold the ${name}'s every message in English, with every value`, () => {
      assert.deepEqual(Object.keys(translated).sort(), Object.keys(source).sort());
      for (const [key, message] of Object.entries(source)) {
        const text = translated[key]!(...values(message));
        for (const value of values(message)) assert.ok(text.includes(value), `${key}: ${text} leaves out ${value}`);
      }
    });
  }
});

describe('scripts/catalogs.mjs', () => {
  const root = mkdtempSync(join(tmpdir(), 'rsc-catalogs-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;

  /** A configuration in a scratch directory, with one XLIFF file for `fr` holding `units`. */
  function project(units: string, language = 'js') {
    const dir = join(root, String(count++));
    mkdirSync(join(dir, 'locales'), { recursive: true });
    // The generated modules are ES modules.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    const config = {
      sourceLocale: 'ja',
      targetLocales: ['fr'],
      inputFiles: ['catalog.ts'],
      output: { mode: 'runtime', outputDir: 'out', localeCodesModule: `out/locale-codes.${language}`, language },
      interchange: { format: 'xliff', xliffDir: 'locales' },
    };
    writeFileSync(join(dir, 'lit-localize.json'), JSON.stringify(config));
    writeFileSync(
      join(dir, 'locales/fr.xlf'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n` +
        `<file target-language="fr" source-language="ja" original="lit-localize-inputs" datatype="plaintext">\n<body>\n${units}\n</body>\n</file>\n</xliff>\n`,
    );
    return join(dir, 'lit-localize.json');
  }

  const unit = (id: string, source: string, target?: string) =>
    `<trans-unit id="${id}">\n  <source>${source}</source>\n${target === undefined ? '' : `  <target>${target}</target>\n`}</trans-unit>`;
  const x = (id: number, name: string) => `<x id="${id}" equiv-text="\${${name}}"/>`;

  /** The generated module of `locale`, imported. */
  async function generated(config: string, locale: string): Promise<Messages> {
    const { files } = writeCatalogs(config);
    const file = (files as { path: string }[]).find(({ path }) => path.endsWith(`/out/${locale}.js`))!;
    return (await import(pathToFileURL(resolve(file.path)).href)).templates;
  }

  it('puts the values of a translation where it wants them, in its order', async () => {
    const hours = unit('rsc-hours', `受付時間: ${x(0, 'days')}、${x(1, 'hours')}(${x(2, 'zone')})`, `${x(2, 'zone')}: ${x(1, 'hours')} on ${x(0, 'days')}`);
    const config = project(hours);
    const fr = await generated(config, 'fr');
    assert.equal(fr.hours!('lun–ven', '9–17', 'JST'), 'JST: 9–17 on lun–ven');
    assert.equal(fr.hours!.length, 3);
    const ja = await generated(config, 'ja');
    assert.equal(ja.hours!('月〜金', '9:00〜17:00', '日本時間'), '受付時間: 月〜金、9:00〜17:00(日本時間)');
  });

  it('writes text as it is, whatever the characters, and nothing of a translation as code', async () => {
    const tricky = 'a `tick`, ${notAValue}, a \\ and &lt;b&gt; &amp; \\${x}';
    const fr = await generated(project(unit('rsc-tricky', 'あ', tricky) + unit('rsc-value', `値 ${x(0, 'v')}`, `${tricky} ${x(0, 'v')}`)), 'fr');
    const expected = 'a `tick`, ${notAValue}, a \\ and <b> & \\${x}';
    assert.equal(fr.tricky!(), expected);
    assert.equal(fr.value!('1'), `${expected} 1`);
  });

  it('lets the source text stand in for a message not translated yet, and says so', async () => {
    const config = project(unit('rsc-done', '完了', 'Terminé') + unit('rsc-new', `新しい ${x(0, 'v')}`));
    const { missing } = catalogFiles(config);
    assert.deepEqual(missing, ['fr: rsc-new']);
    const fr = await generated(config, 'fr');
    assert.equal(fr.done!(), 'Terminé');
    assert.equal(fr.new!('値'), '新しい 値');
  });

  it('writes typed functions for TypeScript, and the locale codes', () => {
    const { files } = catalogFiles(project(unit('rsc-version', `版: ${x(0, 'version')}`, `Version ${x(0, 'version')}`), 'ts'));
    const text = (end: string) => (files as { path: string; text: string }[]).find(({ path }) => path.endsWith(end))!.text;
    assert.match(text('/out/fr.ts'), /^ {2}version: \(version: string\) => `Version \$\{version\}`,$/m);
    assert.doesNotMatch(text('/out/fr.ts'), /^import /m);
    assert.match(text('/out/locale-codes.ts'), /^export const allLocales = \['fr', 'ja'\] as const;$/m);
  });

  const refused: [string, string, RegExp][] = [
    ['leaves out a placeholder', unit('rsc-m', `a ${x(0, 'v')}`, 'b'), /rsc-m: the translation leaves out \$\{v\}/],
    ['adds one', unit('rsc-m', `a ${x(0, 'v')}`, `b ${x(0, 'v')} ${x(1, 'v')}`), /\(id 1\) is not one of the source's/],
    ['repeats one', unit('rsc-m', `a ${x(0, 'v')}`, `b ${x(0, 'v')} ${x(0, 'v')}`), /\(id 0\) is not one of the source's, or is there twice/],
    ['alters one into code', unit('rsc-m', `a ${x(0, 'v')}`, `b <x id="0" equiv-text="\${process.exit(1)}"/>`), /\$\{process\.exit\(1\)\} \(id 0\) is not one of the source's/],
    ['has markup in a message', unit('rsc-m', 'a', 'b <b>c</b>'), /unexpected <b>/],
    ['has an expression for a placeholder', unit('rsc-m', `a <x id="0" equiv-text="\${user.name}"/>`, `b <x id="0" equiv-text="\${user.name}"/>`), /\$\{user\.name\} is not a parameter/],
    ['names a message without the prefix', unit('m', 'a', 'b'), /with the prefix "rsc-"/],
    ['is not XML', unit('rsc-m', 'a', 'b < c'), /is not well-formed XML/],
    ['names an entity XML does not know', unit('rsc-m', 'a', 'b &nbsp; c'), /is not well-formed XML.*&nbsp;/],
  ];
  for (const [what, units, message] of refused) {
    it(`refuses an XLIFF file that ${what}`, () => {
      assert.throws(() => catalogFiles(project(units)), (error: Error) => error instanceof CatalogError && message.test(error.message));
    });
  }

  it('reads the repository\'s XLIFF files into the committed modules', () => {
    for (const config of ['lit-localize.json', 'lit-localize.reception.json']) {
      const { files, missing } = catalogFiles(config);
      assert.deepEqual(missing, []);
      for (const { path, text } of files as { path: string; text: string }[]) assert.equal(readFileSync(path, 'utf8'), text, `${path} is stale: run \`npm run localize\``);
    }
  });
});
