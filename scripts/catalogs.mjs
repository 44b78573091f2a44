// The second half of `npm run localize`: after `lit-localize extract` has written each configuration's
// messages into its XLIFF files (locales/**/*.xlf), this writes every language's catalog from them
// as a plain module, the source language included: <outputDir>/<locale>.ts exports `templates`, an
// object with a function per message, keyed by the message's id without its `rsc-` prefix, whose
// placeholders are its parameters: effective: (date: string) => `Effective ${date}`. No import, no id, no
// @lit/localize: the page runs these, never the source catalogs' `msg` calls. It also writes the
// configuration's `localeCodesModule`. `lit-localize build` is not part of this.
//
// `node scripts/catalogs.mjs [config…]` (both configurations by default). A message not translated
// yet gets its source text, with a warning; scripts/freshness.mjs fails the test run until it is.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';

export const configFiles = ['lit-localize.json', 'lit-localize.reception.json'];

/** What this script cannot build a catalog from; the message says what to do. */
export class CatalogError extends Error {}

const idPrefix = 'rsc-';
const identifier = /^[A-Za-z_$][\w$]*$/;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const COMMENT_NODE = 8;

/** An XML document, any error or warning of the parser thrown. */
function parseXml(text, file) {
  const fail = (message) => {
    throw new CatalogError(`${file} is not well-formed XML: ${message}`);
  };
  return new DOMParser({ locator: {}, errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml');
}

/**
 * The contents of a <source> or <target>: text, and placeholders (lit-localize writes `<x id equiv-text>`,
 * or `<ph id>` with placeholderStyle "ph") by their id and what they stand for in the source.
 */
function contents(element, where) {
  return Array.from(element.childNodes).flatMap((node) => {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) return [node.nodeValue];
    if (node.nodeType === COMMENT_NODE) return [];
    if (node.nodeType === ELEMENT_NODE && (node.localName === 'x' || node.localName === 'ph')) {
      const id = node.getAttribute('id');
      const text = node.localName === 'x' ? node.getAttribute('equiv-text') : node.textContent;
      if (!id || !text) throw new CatalogError(`${where}: a <${node.localName}> placeholder without its id or its text`);
      return [{ id, text }];
    }
    throw new CatalogError(`${where}: unexpected <${node.nodeName}> (a message holds text and placeholders only)`);
  });
}

/** The messages of one XLIFF file: by id, their source and, where translated, their target. */
function readXliff(path, name, { sourceLocale, locale }) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogError(`${name} cannot be read (${error.code ?? error.message}): run \`npm run localize\``);
  }
  const document = parseXml(text, name);
  const files = document.getElementsByTagName('file');
  if (files.length !== 1) throw new CatalogError(`${name}: expected one <file>, found ${files.length}`);
  const file = files[0];
  for (const [attribute, expected] of [['source-language', sourceLocale], ['target-language', locale]]) {
    if (file.getAttribute(attribute) !== expected) throw new CatalogError(`${name}: ${attribute} is "${file.getAttribute(attribute)}", not "${expected}"`);
  }
  const messages = new Map();
  for (const unit of Array.from(file.getElementsByTagName('trans-unit'))) {
    const id = unit.getAttribute('id');
    const where = `${name}, ${id}`;
    if (!/^rsc-[\w-]+$/.test(id)) throw new CatalogError(`${where}: a message id is its key (letters, digits, - and _) with the prefix "${idPrefix}"`);
    if (messages.has(id)) throw new CatalogError(`${where}: two <trans-unit>s with this id`);
    const [sources, targets] = ['source', 'target'].map((tag) => Array.from(unit.getElementsByTagName(tag)));
    if (sources.length !== 1 || targets.length > 1) throw new CatalogError(`${where}: expected one <source> and at most one <target>`);
    messages.set(id, { source: contents(sources[0], where), target: targets[0] && contents(targets[0], where) });
  }
  return messages;
}

/** Text as it reads inside a template literal. */
const literalText = (text) => text.replace(/[\\`]|\$\{/g, (special) => `\\${special}`);

/**
 * A message's placeholders by id, each `${name}` of one of its function's parameters, and the
 * parameters: the names, first use first.
 */
function placeholders(id, source, where) {
  const byId = new Map();
  for (const part of source) {
    if (typeof part === 'string') continue;
    const name = /^\$\{(.*)\}$/s.exec(part.text)?.[1];
    if (!name || !identifier.test(name)) {
      throw new CatalogError(`${where}: the placeholder ${part.text} is not a parameter: write \`(value: string) => msg(str\`…\${value}…\`, { id: '${id}' })\``);
    }
    byId.set(part.id, { text: part.text, name });
  }
  return { byId, names: [...new Set([...byId.values()].map(({ name }) => name))] };
}

/**
 * The template literal that says `contents`, each placeholder written as the source's parameter of the
 * same id: nothing in a translation becomes code, and one that drops, adds or alters a placeholder fails.
 */
function templateLiteral(contents, { byId }, where) {
  const used = new Set();
  const literal = contents
    .map((part) => {
      if (typeof part === 'string') return literalText(part);
      if (byId.get(part.id)?.text !== part.text || used.has(part.id)) {
        throw new CatalogError(`${where}: the placeholder ${part.text} (id ${part.id}) is not one of the source's, or is there twice`);
      }
      used.add(part.id);
      return `\${${byId.get(part.id).name}}`;
    })
    .join('');
  const dropped = [...byId].filter(([id]) => !used.has(id));
  if (dropped.length) throw new CatalogError(`${where}: the translation leaves out ${dropped.map(([, { text }]) => text).join(', ')}`);
  return `\`${literal}\``;
}

const propertyName = (key) => (identifier.test(key) ? key : `'${key}'`);

/** A catalog module: `templates`, one function per message. */
function catalogModule(header, entries, typed) {
  const lines = entries.map(({ key, names, literal }) => {
    const params = names.map((name) => (typed ? `${name}: string` : name)).join(', ');
    return `  ${propertyName(key)}: (${params}) => ${literal},\n`;
  });
  return `${header}\nexport const templates = {\n${lines.join('')}};\n`;
}

function localeCodesModule(header, { sourceLocale, targetLocales }, typed) {
  const list = (locales) => `[${[...locales].sort().map((locale) => `'${locale}'`).join(', ')}]${typed ? ' as const' : ''}`;
  return (
    `${header}\n/** The language the messages are written in. */\nexport const sourceLocale = '${sourceLocale}';\n\n` +
    `/** The languages they are translated into. */\nexport const targetLocales = ${list(targetLocales)};\n\n` +
    `/** Every language spoken. */\nexport const allLocales = ${list([sourceLocale, ...targetLocales])};\n`
  );
}

/**
 * The files one lit-localize configuration makes, each a path from the working directory and its text,
 * and the messages not translated yet (`en: rsc-agree`). `xliffDir` reads the XLIFF files from
 * elsewhere (the freshness check's scratch copy). Throws a CatalogError for what it cannot build from.
 */
export function catalogFiles(configFile, { xliffDir } = {}) {
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  const base = dirname(resolve(configFile));
  const { sourceLocale, targetLocales } = config;
  const { outputDir, localeCodesModule: localeCodes, language = 'ts' } = config.output;
  const typed = language === 'ts';
  if (!targetLocales.length) throw new CatalogError(`${configFile}: no targetLocales, so no XLIFF file holds the source messages`);
  const header = (from) => `// Generated by \`npm run localize\` (scripts/catalogs.mjs) from ${from}: do not edit.\n`;
  // Named as the configuration names them, wherever they are read from.
  const xliffName = (locale) => join(config.interchange.xliffDir, `${locale}.xlf`);
  const xliffPath = (locale) => join(xliffDir ?? resolve(base, config.interchange.xliffDir), `${locale}.xlf`);
  const modulePath = (locale) => relative('.', resolve(base, outputDir, `${locale}.${language}`));

  const translations = targetLocales.map((locale) => ({ locale, messages: readXliff(xliffPath(locale), xliffName(locale), { sourceLocale, locale }) }));
  // Every XLIFF file holds every source message: extracting writes them all at once.
  const [{ messages: sources }] = translations;
  const sourceText = (messages) => JSON.stringify([...messages].map(([id, { source }]) => [id, source]).sort());
  for (const { locale, messages } of translations) {
    if (sourceText(messages) !== sourceText(sources)) throw new CatalogError(`${xliffName(locale)} holds other source messages: run \`npm run localize\``);
  }
  const ids = [...sources.keys()].sort();
  const entries = (literal) =>
    ids.map((id) => {
      const { source } = sources.get(id);
      const params = placeholders(id, source, `${xliffName(targetLocales[0])}, ${id}`);
      return { key: id.slice(idPrefix.length), names: params.names, literal: literal(id, source, params) };
    });

  const missing = [];
  const files = [
    {
      path: modulePath(sourceLocale),
      text: catalogModule(
        header(`the messages of ${config.inputFiles.join(', ')}`),
        entries((id, source, params) => templateLiteral(source, params, `${xliffName(targetLocales[0])}, ${id}`)),
        typed,
      ),
    },
    ...translations.map(({ locale, messages }) => ({
      path: modulePath(locale),
      text: catalogModule(
        header(xliffName(locale)),
        entries((id, source, params) => {
          const { target } = messages.get(id);
          if (!target) missing.push(`${locale}: ${id}`);
          return templateLiteral(target ?? source, params, `${xliffName(locale)}, ${id}`);
        }),
        typed,
      ),
    })),
  ];
  if (localeCodes) files.push({ path: relative('.', resolve(base, localeCodes)), text: localeCodesModule(header(configFile), config, typed) });
  return { files, missing };
}

/** Writes the files of `catalogFiles` under `root` (the working directory unless told), and returns them with the untranslated messages. */
export function writeCatalogs(configFile, { xliffDir, root = '.' } = {}) {
  const result = catalogFiles(configFile, { xliffDir });
  for (const { path, text } of result.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const chosen = process.argv.slice(2);
  try {
    for (const configFile of chosen.length ? chosen : configFiles) {
      const { files, missing } = writeCatalogs(configFile);
      console.log(`${configFile}: wrote ${files.map(({ path }) => path).join(', ')}`);
      for (const message of missing) console.warn(`  ${message} is not translated yet: the source text stands in. Translate its <target>, then run \`npm run localize\` again.`);
    }
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
