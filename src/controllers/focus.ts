import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where focus may go after a render: a part's name. */
export type FocusTarget = 'status' | 'terms' | 'reconsider' | 'redirect-link';

/**
 * Focus after a render, following the customer's own actions: when what they acted on is gone, focus
 * goes to what comes next. Only from inside the element: a guest never takes focus from the host page.
 */
export class FocusController implements ReactiveController {
  /** Where focus goes after the next render. */
  next?: FocusTarget | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Moves focus to `target` after the next render, if focus is in the element now. */
  moveAfterRender(target: FocusTarget): void {
    if (this.host.shadowRoot?.activeElement || this.host.matches(':focus-within')) {
      this.next = target;
      this.host.requestUpdate();
    }
  }

  /** Whether focus is on `target` now. */
  isOn(target: FocusTarget): boolean {
    return !!this.host.shadowRoot?.activeElement && this.host.shadowRoot.activeElement === part(this.host, target);
  }

  hostUpdated(): void {
    if (!this.next) return;
    (part(this.host, this.next) ?? part(this.host, 'status'))?.focus();
    this.next = undefined;
  }
}

const part = (element: Element, name: string) => element.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
