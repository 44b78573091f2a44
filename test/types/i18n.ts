// The source catalogs' `msg` takes only what it can render as text, checked by `npx tsc -p .`.
import { html } from 'lit';
import { msg, str } from '../../src/i18n/msg.js';
import type { Catalog } from '../../src/i18n/catalog.js';

export const text: string = msg('同意する', { id: 'rsc-agree' });
export const withValue = (version: string): string => msg(str`版: ${version}`, { id: 'rsc-version' });

// @ts-expect-error: a Lit template is markup, which a catalog message never renders
msg(html`<b>同意する</b>`, { id: 'rsc-agree' });
// @ts-expect-error: nor with a value in it
export const markup = (version: string) => msg(html`版: <b>${version}</b>`, { id: 'rsc-version' });
// @ts-expect-error: a str template's values are strings
msg(str`版: ${1}`, { id: 'rsc-version' });
// @ts-expect-error: a message has its id, its key with the prefix rsc-
msg('同意する');
// @ts-expect-error: one with the prefix
msg('同意する', { id: 'agree' });

// A catalog's messages answer strings, and take their values as strings.
export const version: string = ({} as Catalog).version('2025-04-01');
