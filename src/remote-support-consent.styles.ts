import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: 48rem;
    font-family: var(--rsc-font-family, inherit);
    line-height: 1.7;
    color: var(--rsc-color, #1f2328);
    background: var(--rsc-background, #ffffff);
    /* Japanese wraps between phrases, not inside words, where the engine can. */
    word-break: auto-phrase;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  p {
    margin: 0 0 0.5em;
  }
  .notice,
  .meta {
    color: var(--rsc-muted-color, #57606a);
  }
  h2 {
    margin: 1em 0 0.25em;
    font-size: 1.25em;
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
    border: 1px solid var(--rsc-border-color, #8c959f);
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
  .status {
    min-height: 1.7em;
    margin: 0.75em 0;
  }
  .status.error {
    color: var(--rsc-error-color, #b3261e);
    font-weight: 600;
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
    color: var(--rsc-color, #1f2328);
    background: transparent;
    border: 1px solid var(--rsc-border-color, #8c959f);
    border-radius: var(--rsc-radius, 6px);
    cursor: pointer;
  }
  button.agree {
    color: var(--rsc-accent-text-color, #ffffff);
    background: var(--rsc-accent-color, #0b57d0);
    border-color: var(--rsc-accent-color, #0b57d0);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  .handoff {
    font-weight: 600;
  }
  button:focus-visible,
  a:focus-visible,
  .terms:focus-visible {
    outline: 3px solid var(--rsc-accent-color, #0b57d0);
    outline-offset: 2px;
  }
`;
