// `npm run manifest` (`cem analyze`) writes, from the element's JSDoc, custom-elements.json and, with
// the maintained plugins, what editors read: vscode.html-custom-data.json (VS Code) and web-types.json
// (JetBrains). `--outdir <dir>` puts all three in <dir> (relative to the working directory, as the
// analyzer takes it); the test run generates them in a temporary directory and compares.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { expandTypesPlugin, getTsProgram } from 'cem-plugin-expanded-types';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** The analyzer's own `--outdir` (`--outdir dir` or `--outdir=dir`), which the plugins are given too. */
function outdirArgument(argv = process.argv) {
  const at = argv.findIndex((arg) => arg === '--outdir' || arg.startsWith('--outdir='));
  if (at < 0) return undefined;
  return argv[at].includes('=') ? argv[at].slice('--outdir='.length) : argv[at + 1];
}
const outdir = outdirArgument() || './';

/** The modules a consumer imports (package.json's `.` and `./element`), and those that declare and define the element. */
const publicModules = ['src/index.ts', 'src/element.ts', 'src/define.ts', 'src/remote-support-consent.ts'];
/** Read only for the values of the `RedirectTarget` type; internal, so left out of the manifest. */
const internalModules = ['src/redirect.ts'];

/**
 * Where a module is published: `tsc -p tsconfig.build.json` compiles src/ (rootDir) into dist/
 * (outDir), file for file. `reference` is a module path as the analyzer writes it: the module's own
 * (`src/x.ts`), one it resolved (`/src/x.js`), or one relative to `from` as imported (`./x.js`).
 */
function published(reference, from = '') {
  const path = reference.startsWith('.') ? posix.join(posix.dirname(from), reference) : reference.replace(/^\//, '');
  return path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
}

/** Every `{ module }` reference (exports, superclass, inheritedFrom, …) under `value`. */
function* references(value) {
  if (Array.isArray(value)) for (const item of value) yield* references(item);
  else if (value && typeof value === 'object') {
    if (typeof value.module === 'string' && !value.package) yield value;
    for (const child of Object.values(value)) yield* references(child);
  }
}

export default {
  globs: [...publicModules, ...internalModules],
  litelement: true,
  // Types through a program, so aliased types (`redirectTarget: RedirectTarget`) get their values
  // spelled out as `expandedType`, which both editor plugins read (`typesSrc`).
  overrideModuleCreation: ({ ts, globs }) =>
    getTsProgram(ts, globs, 'tsconfig.json')
      .getSourceFiles()
      .filter((file) => globs.some((glob) => file.fileName.endsWith(glob))),
  // package.json's customElements field is written by hand; the analyzer would point it at --outdir.
  packagejson: false,
  plugins: [
    {
      // `#private` members cannot be reached from outside the class, so they are no part of its API.
      name: 'no-hash-private-members',
      packageLinkPhase({ customElementsManifest }) {
        for (const { declarations = [] } of customElementsManifest.modules) {
          for (const declaration of declarations) {
            if (declaration.members) declaration.members = declaration.members.filter(({ name }) => !name.startsWith('#'));
          }
        }
      },
    },
    {
      // An attribute Lit reflects from a private field (`state`, read through a read-only getter) names no property.
      name: 'no-private-attribute-fields',
      packageLinkPhase({ customElementsManifest }) {
        for (const { declarations = [] } of customElementsManifest.modules) {
          for (const { members = [], attributes = [] } of declarations) {
            const hidden = new Set(members.filter(({ privacy }) => privacy === 'private').map(({ name }) => name));
            for (const attribute of attributes) if (hidden.has(attribute.fieldName)) delete attribute.fieldName;
          }
        }
      },
    },
    {
      // `export { type X }` leaves nothing in the published JavaScript module, so it is no export of it.
      name: 'no-type-only-exports',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isExportDeclaration(node) || !node.exportClause || !ts.isNamedExports(node.exportClause)) return;
        const types = new Set(node.exportClause.elements.filter((element) => node.isTypeOnly || element.isTypeOnly).map((element) => element.name.text));
        moduleDoc.exports = (moduleDoc.exports ?? []).filter((entry) => !types.has(entry.name));
      },
    },
    expandTypesPlugin({ hideLogs: true }),
    {
      // The published modules (dist/…js, which the tarball has), not the sources; internal modules only lent their members.
      name: 'published-modules',
      packageLinkPhase({ customElementsManifest }) {
        const internal = new Set(internalModules.map((path) => published(path)));
        for (const module of customElementsManifest.modules) {
          for (const reference of references(module)) reference.module = published(reference.module, module.path);
          module.path = published(module.path);
        }
        customElementsManifest.modules = customElementsManifest.modules.filter((module) => !internal.has(module.path));
      },
    },
    {
      // The analyzer reads files in whatever order the file system lists them; sorted, the output is stable.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
    customElementVsCodePlugin({
      outdir,
      // The CSS data (custom properties, parts) would be a file of its own, vscode.css-custom-data.json, not published.
      cssFileName: null,
      typesSrc: 'expandedType',
      referencesTemplate: () => [{ name: 'README', url: `https://www.npmjs.com/package/${pkg.name}` }],
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({
      outdir,
      descriptionSrc: 'description',
      typesSrc: 'expandedType',
      // `referenceTemplate` (one link: the element's doc-url), as the plugin reads it; its README says `referencesTemplate`.
      referenceTemplate: () => ({ name: 'README', url: `https://www.npmjs.com/package/${pkg.name}` }),
      // Go to declaration: the class, as the package's main entry exports it.
      modulePathTemplate: () => pkg.name,
      hideLogs: true,
    }),
  ],
};
