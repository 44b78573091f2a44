// The README's parts written from custom-elements.json and the build, so they never drift from
// the source: the API tables (<!-- api:start --> … <!-- api:end -->) and the CDN tag with the
// SRI hash of the last build (<!-- cdn:start --> … <!-- cdn:end -->). The editors' data
// (vscode.html-custom-data.json, web-types.json) comes with the manifest: see
// custom-elements-manifest.config.mjs. `--check` writes nothing and fails on drift.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const check = process.argv.includes('--check');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.customElement);

const cell = (text = '') => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text) => (text ? `\`${text}\`` : '');
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');

const fields = new Map(element.members.filter((member) => member.kind === 'field' && member.privacy !== 'private').map((field) => [field.name, field]));
const attributes = table(
  ['attribute', 'property', 'description', 'default'],
  element.attributes.map(({ name, fieldName, description, default: fallback }) => [code(name), code(fieldName ?? (name === 'lang' ? 'lang' : '')), description, code(fallback ?? fields.get(fieldName)?.default)]),
);
const attributeFields = new Set(element.attributes.map((attribute) => attribute.fieldName));
const properties = table(
  ['property', 'type', 'description'],
  [...fields.values()].filter((field) => !attributeFields.has(field.name)).map(({ name, type, description }) => [code(name), code(type?.text), description]),
);
const methods = table(
  ['method', 'description'],
  element.members.filter((member) => member.kind === 'method' && member.privacy !== 'private').map(({ name, description }) => [code(`${name}()`), description]),
);
const events = table(['event', 'type', 'description'], element.events.map(({ name, type, description }) => [code(name), code(type?.text), description]));
const slots = table(['slot', 'description'], element.slots.map(({ name, description }) => [code(name), description]));
const parts = table(['part', 'description'], element.cssParts.map(({ name, description }) => [code(name), description]));
const cssProperties = table(['CSS property', 'default', 'description'], element.cssProperties.map(({ name, default: fallback, description }) => [code(name), code(fallback), description]));

const api = [
  '### Attributes', attributes,
  '### Properties without an attribute', properties,
  '### Methods', methods,
  '### Events', 'All bubble and are composed; only `consent` is cancelable.', events,
  '### Slots', slots,
  '### Parts', parts,
  '### CSS custom properties', cssProperties,
].join('\n\n');

const integrityFile = 'dist/cdn/integrity.json';
const cdnBase = `https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/dist/cdn`;
const cdn = existsSync(integrityFile)
  ? (() => {
      const { file, integrity, preload } = JSON.parse(readFileSync(integrityFile, 'utf8'));
      return [
        '```html',
        `<script type="module" src="${cdnBase}/${file}"`,
        `        integrity="${integrity}" crossorigin="anonymous"></script>`,
        `<link rel="modulepreload" href="${cdnBase}/${preload.file}"`,
        `      integrity="${preload.integrity}" crossorigin="anonymous">`,
        '```',
      ].join('\n');
    })()
  : undefined;

const between = (text, name, body) => {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
};

if (check && !cdn) {
  console.error(`${integrityFile} is missing: run \`npm run build\` before \`npm run docs -- --check\`.`);
  process.exit(1);
}
let readme = readFileSync('README.md', 'utf8');
readme = between(readme, 'api', api);
if (cdn) readme = between(readme, 'cdn', cdn);

const outputs = { 'README.md': readme };
const stale = Object.entries(outputs).filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
if (check) {
  for (const [file] of stale) console.error(`${file} is stale: run \`npm run docs\` (after \`npm run build\` for the CDN hash) and commit it.`);
  process.exit(stale.length ? 1 : 0);
}
for (const [file, text] of stale) writeFileSync(file, text);
console.log(stale.length ? `docs: wrote ${stale.map(([file]) => file).join(', ')}` : 'docs: up to date');
