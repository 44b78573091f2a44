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
      // The analyzer reads files in whatever order the file system lists them; sorted, the output is stable.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
