import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const rendered = new Map();

/**
 * Dev-server middleware: `/__ssr/page?attributes=<json>&scripts=1` is a page whose element was rendered
 * on the server by @lit-labs/ssr (in a Node process of its own, as a vendor's server would), with the
 * client script (hydration support, then the element) or, without `scripts`, no script at all;
 * `page` is the page's `lang` (`ja` by default).
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
  ctx.type = 'text/html';
  ctx.body = `<!doctype html><html lang="${ctx.query.page ?? 'ja'}"><head><meta charset="utf-8"><title>server-rendered consent</title></head><body>${html}${script}</body></html>`;
}
