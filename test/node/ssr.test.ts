import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverRender } from '../ssr/render.js';

/** The text of the server-rendered HTML, without Lit's hydration comments. */
const plain = (html: string) => html.replace(/<!--[^]*?-->/g, '');

describe('server rendering with @lit-labs/ssr', () => {
  it('renders the built-in Japanese terms as text in declarative shadow DOM, with their styles and no button yet', async () => {
    const html = plain(await serverRender({ lang: 'ja', 'redirect-target': 'none' }));
    const host = /^<remote-support-consent([^>]*)><template shadowroot="open" shadowrootmode="open"><style>/.exec(html)?.[1] ?? '';
    // The page's script hydrates it once its language file is at hand: Lit waits while defer-hydration stays.
    assert.deepEqual(host.trim().split(/\s+/).sort(), ['defer-hydration', 'lang="ja"', 'redirect-target="none"', 'state="loading"']);
    assert.match(html, /<h2 part="title" class="title" id="title" lang="ja">リモートコネクトサポート 同意確認書<\/h2>/);
    assert.match(html, /<li>「リモートサポート」は、お客様が有するインターネットへの接続環境/);
    assert.match(html, /<span>版: 2025-04-01<\/span>/);
    assert.doesNotMatch(html, /part="agree"/);
    // Terms on screen are not "loading" to a reader.
    assert.match(html, /<p\s+part="status"[^>]*><\/p>/);
  });

  it('renders the English terms and strings for lang="en", at the heading level asked for', async () => {
    const html = plain(await serverRender({ lang: 'en', 'redirect-target': 'none', 'heading-level': '3' }));
    assert.match(html, /<h3 part="title" class="title" id="title" lang="en">Remote Connect Support/);
    assert.match(html, /<span>Version 2025-04-01<\/span>/);
    assert.match(html, /<div class="root" lang="en">/);
  });

  it('renders the loading view where it cannot know what the page will show: no lang, or a vendor document', async () => {
    for (const attributes of [{ 'redirect-target': 'none' }, { lang: 'ja', 'redirect-target': 'none', 'terms-src': '/terms.json' }]) {
      const html = plain(await serverRender(attributes));
      assert.doesNotMatch(html, /part="terms"/);
      assert.match(html, /同意確認書を読み込んでいます…/);
    }
  });

  it('renders the error view for a redirect the element would refuse', async () => {
    const html = plain(await serverRender({ lang: 'ja', 'redirect-url': 'https://evil.example/' }));
    assert.match(html, /state="error"/);
    assert.match(html, /接続先の設定に誤りがあるため/);
    assert.doesNotMatch(html, /part="terms"/);
  });
});
