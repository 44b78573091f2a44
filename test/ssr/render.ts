// Renders <remote-support-consent> on the server with @lit-labs/ssr, as a vendor's Node page would:
// `node --import tsx test/ssr/render.ts '{"lang":"ja"}'` prints the element's HTML (declarative shadow DOM).
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
// After @lit-labs/ssr, which provides the registry the element defines itself in.
import '../../src/ssr.js';

/** The attributes a test may set. */
export interface SsrAttributes {
  lang?: string;
  'redirect-target'?: string;
  'redirect-url'?: string;
  'allowed-origins'?: string;
  'terms-src'?: string;
  'terms-version'?: string;
  'terms-integrity'?: string;
  'heading-level'?: string;
  timeout?: string;
}

/** The element with `attributes`, as server-rendered HTML. */
export const serverRender = (a: SsrAttributes): Promise<string> =>
  collectResult(
    render(html`<remote-support-consent
      lang=${ifDefined(a.lang)}
      redirect-target=${ifDefined(a['redirect-target'])}
      redirect-url=${ifDefined(a['redirect-url'])}
      allowed-origins=${ifDefined(a['allowed-origins'])}
      terms-src=${ifDefined(a['terms-src'])}
      terms-version=${ifDefined(a['terms-version'])}
      terms-integrity=${ifDefined(a['terms-integrity'])}
      heading-level=${ifDefined(a['heading-level'])}
      timeout=${ifDefined(a.timeout)}
    ></remote-support-consent>`),
  );

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(await serverRender(JSON.parse(process.argv[2] ?? '{}')));
}
