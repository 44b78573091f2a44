import { css } from 'lit';

export const styles = css`
  :host {
    /* Internal colours: the host's --rsc-* properties win, then the scheme's defaults. */
    --_fg: var(--rsc-color, #1f2328);
    --_bg: var(--rsc-background, #fff);
    --_muted: var(--rsc-muted-color, #57606a);
    --_border: var(--rsc-border-color, #6e7781);
    --_accent: var(--rsc-accent-color, #0b57d0);
    --_on-accent: var(--rsc-accent-text-color, #fff);
    --_error: var(--rsc-error-color, #b3261e);
    display: block;
    box-sizing: border-box;
    max-width: var(--rsc-max-width, 44rem);
    color-scheme: light;
    font-family: var(--rsc-font-family, inherit);
    line-height: 1.7;
    color: var(--_fg);
    background: var(--_bg);
    /* Japanese wraps between phrases, not inside words, where the engine can. */
    word-break: auto-phrase;
    overflow-wrap: anywhere;
  }
  /* Dark by the customer's setting unless the host forces light, or forced dark by the host. */
  @media (prefers-color-scheme: dark) {
    :host(:not([color-scheme='light'])) {
      color-scheme: dark;
    }
  }
  :host([color-scheme='dark']) {
    color-scheme: dark;
  }
  /* Engines without light-dark() stay light. */
  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_fg: var(--rsc-color, light-dark(#1f2328, #e6edf3));
      --_bg: var(--rsc-background, light-dark(#fff, #0d1117));
      --_muted: var(--rsc-muted-color, light-dark(#57606a, #9da7b3));
      --_border: var(--rsc-border-color, light-dark(#6e7781, #6e7681));
      --_accent: var(--rsc-accent-color, light-dark(#0b57d0, #4493f8));
      --_on-accent: var(--rsc-accent-text-color, light-dark(#fff, #0d1117));
      --_error: var(--rsc-error-color, light-dark(#b3261e, #ff7b72));
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: inherit;
  }
  p {
    margin: 0 0 0.5em;
  }
  .notice,
  .meta,
  .note {
    color: var(--_muted);
  }
  .title {
    margin: 1em 0 0.25em;
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.4;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5em;
    font-size: 0.875em;
  }
  .terms {
    max-height: var(--rsc-terms-max-height, 24rem);
    overflow: auto;
    padding: 1em 1.25em;
    border: 1px solid var(--_border);
    border-radius: var(--rsc-radius, 6px);
  }
  .terms ol {
    margin: 0 0 0.5em;
    padding-inline-start: 2em;
  }
  .terms li + li {
    margin-top: 0.5em;
  }
  .ki {
    text-align: center;
  }
  .closing {
    text-align: end;
  }
  .reception {
    margin-top: 0.75em;
    font-size: 0.875em;
  }
  .status {
    min-height: 1.7em;
    margin: 0.75em 0;
  }
  .status.failed {
    color: var(--_error);
    font-weight: 600;
  }
  /* The reference is read aloud on the phone: large, and in a face that tells similar characters apart. */
  .stored,
  .reference-line,
  .reference-hint {
    display: block;
  }
  .stored {
    margin-top: 0.5em;
  }
  .reference {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.5em;
    letter-spacing: 0.08em;
    white-space: nowrap;
  }
  .handoff {
    font-weight: 600;
  }
  a {
    color: var(--_accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.75em;
  }
  button {
    min-height: 44px;
    padding: 0.5em 1.5em;
    font: inherit;
    color: var(--_fg);
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--rsc-radius, 6px);
    cursor: pointer;
  }
  button.agree {
    color: var(--_on-accent);
    background: var(--_accent);
    border-color: var(--_accent);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  a:focus-visible,
  .terms:focus-visible,
  .status:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  /* Forced colours repaint every border and outline; agree keeps its weight, and focus the system's highlight. */
  @media (forced-colors: active) {
    button.agree {
      border: 3px solid ButtonText;
    }
    button:focus-visible,
    a:focus-visible,
    .terms:focus-visible,
    .status:focus-visible {
      outline-color: Highlight;
    }
  }
`;
