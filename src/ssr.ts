/**
 * `remote-support-consent/ssr`: import it (instead of `remote-support-consent`) where a server renders
 * the element with `@lit-labs/ssr`. It defines the element and puts every built-in document and
 * every UI language at hand, since a server render cannot wait for a lazy load: the element then
 * renders its terms as text, in declarative shadow DOM, readable before any script runs. The page's
 * script imports `@lit-labs/ssr-client/lit-element-hydrate-support.js` and then the element, which
 * hydrates what the server rendered.
 */
import './define.js';
import { templates as en } from './i18n/locales/en.js';
import { templates as ja } from './i18n/locales/ja.js';
import { provideCatalog } from './i18n/index.js';
import { provideBuiltIn } from './terms/builtin.js';
import { all } from './terms/generated/all.js';

provideBuiltIn(all);
provideCatalog('ja', ja);
provideCatalog('en', en);

export { RemoteSupportConsent } from './remote-support-consent.js';
