import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const rendered = new Map();

/**
 * Dev-server middleware: `/__ssr/page?attributes=<json>&scripts=1` is a page whose element was rendered
 * on the server by @lit-labs/ssr (in a Node process of its own, as a vendor's server would), with the
 * client script (hydration support, then the element) or, without `scripts`, no script at all;
 * `page` is the page's `lang` (`ja` by default); `missing=<lang>` makes that language's file a 404
 * for the page, through an import map (a fresh document has a module map of its own, so no copy
 * loaded earlier can stand in for it).
 */
export async function ssrPages(ctx, next) {
  if (ctx.path !== '/__ssr/page') return next();
  const attributes = ctx.query.attributes ?? '{}';
  let html = rendered.get(attributes);
  if (!html) {
    html = (await run(process.execPath, ['--import', 'tsx', 'test/ssr/render.ts', attributes])).stdout;
    rendered.set(attributes, html);
  }
  const script = ctx.query.scripts ? '<script type="module" src="/test/ssr/client.ts"></script>' : '';
  const missing = /^[a-z]{2}$/.test(ctx.query.missing ?? '') ? ctx.query.missing : undefined;
  // The language file as the dev server serves it (its .ts) and as it is imported (.js): either way, a 404.
  const imports = missing
    ? Object.fromEntries(['ts', 'js'].map((extension) => [`/src/terms/generated/language.${missing}.${extension}`, '/__ssr/missing.js']))
    : undefined;
  const importMap = imports ? `<script type="importmap">${JSON.stringify({ imports })}</script>` : '';
  ctx.type = 'text/html';
  ctx.body = `<!doctype html><html lang="${ctx.query.page ?? 'ja'}"><head><meta charset="utf-8"><title>server-rendered consent</title>${importMap}</head><body>${html}${script}</body></html>`;
}
