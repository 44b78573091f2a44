import type { MsgFn, MsgOptions, str as litStr } from '@lit/localize';

// The tags the source catalogs (src/i18n/catalog.ts, src/reception/messages.ts) write their messages
// with. lit-localize's extractor finds a `msg` call and a `str` tag by a property of their types, so
// these carry @lit/localize's own, while their signatures take only what renders as text: a string,
// or a `str` template of strings; a Lit `html` template is a type error. No @lit/localize code runs:
// the page runs the plain catalogs `npm run localize` generates, never these.

/** The properties of a function's type (lit-localize's mark, for @lit/localize's public types), without its signatures. */
type Brand<F> = { [K in keyof F]: F[K] };

/** A `str`-tagged template: its strings, and the strings between them. */
export interface Str {
  readonly strTag: true;
  readonly strings: TemplateStringsArray;
  readonly values: readonly string[];
}

/** A message's options: its id is its key in its catalog with the prefix `rsc-`. */
export interface MessageOptions extends MsgOptions {
  id: `rsc-${string}`;
}

export const str: ((strings: TemplateStringsArray, ...values: string[]) => Str) & Brand<typeof litStr> = (strings, ...values) => ({
  strTag: true,
  strings,
  values,
});

/** The text of a message as written: the generated catalogs say it without this. */
export const msg: ((template: string | Str, options: MessageOptions) => string) & Brand<MsgFn> = (template) =>
  typeof template === 'string' ? template : template.strings.reduce((text, string, i) => text + template.values[i - 1] + string);
