/** What became of a hand-off the element started. */
export type HandOff = 'navigating' | 'opened' | 'blocked';

/**
 * Sends the customer to `href`: in this tab, or in a new one with `noopener`
 * so the external site gets no handle on the portal. `window.open` with
 * `noopener` returns null whether or not a popup blocker stepped in, so the
 * activation is checked first: without a live user activation (a slow
 * signature outlasts it) the blocker would refuse, and the customer is told
 * to use the link instead.
 */
export function handOff(href: string, target: '_self' | '_blank'): HandOff {
  if (target === '_self') {
    location.assign(href);
    return 'navigating';
  }
  if (navigator.userActivation && !navigator.userActivation.isActive) return 'blocked';
  window.open(href, '_blank', 'noopener');
  return 'opened';
}
