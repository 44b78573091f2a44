// The client half of a server-rendered page: Lit's hydration support first, then the element.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import '../../src/index.js';
