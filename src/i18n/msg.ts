import type { msg as litMsg } from '@lit/localize';
// The tag and joiner alone: the package's index would bring its page-wide runtime along.
import { joinStringsAndValues, type StrResult } from '@lit/localize/internal/str-tag.js';

export { str } from '@lit/localize/internal/str-tag.js';

/**
 * The source text of a message. Typed as @lit/localize's `msg` so its tools
 * extract every call, but never routed through its page-wide runtime: a host
 * page's own translations can never answer for ours, whatever ids they hold.
 * A message's id is its key in its catalog with the prefix `rsc-`.
 */
export const msg = ((template: string | StrResult) =>
  typeof template === 'string' ? template : joinStringsAndValues(template.strings, template.values)) as typeof litMsg;

/** Messages by key, each answering its text for its values. */
export type Messages = Record<string, (...values: string[]) => string>;
