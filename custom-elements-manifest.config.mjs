// `npm run manifest` writes custom-elements.json from the source's JSDoc; the
// test run regenerates it and fails when the committed file differs.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/terms/generated/**'],
  litelement: true,
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
      // The analyzer reads files in whatever order the file system lists them; sorted, the output is stable.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
