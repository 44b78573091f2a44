// `npm run manifest` writes custom-elements.json from the source's JSDoc; the
// test run regenerates it and fails when the committed file differs.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/terms/generated/**'],
  litelement: true,
  // package.json's customElements field is written by hand; the analyzer would point it at --outdir.
  packagejson: false,
};
