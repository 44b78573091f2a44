import type { ReactiveController } from 'lit';
import type { ReceptionAttributes } from '../reception/attributes.js';
import type { ReceptionNotice } from '../reception/index.js';
import type { ConsentHost } from './host.js';

/**
 * The reception-hours notice: read from the `reception-*` attributes (its code loaded on first use),
 * and looked at again each minute while it shows, since the hours may begin or end.
 */
export class ReceptionController implements ReactiveController {
  /** The notice, once known; none where the attributes ask for none, cannot be understood, or its code failed to load. */
  notice?: ReceptionNotice | undefined;
  /** Settles once the notice for the current attributes is known, so the terms and it can show together. Never rejects. */
  reading: Promise<void> = Promise.resolve();
  /** The attributes of the latest read; undefined again when its code failed to load, so the next load of the terms reads again. */
  #from?: string | undefined;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ConsentHost) {
    host.addController(this);
  }

  /** Reads the notice again if the attributes changed since the last read, or that read's code failed to load. */
  readIfChanged(): void {
    const { receptionHours: hours, receptionDays: days, receptionClosed: closed, receptionTimeZone: timeZone } = this.host.element;
    const attributes: ReceptionAttributes = { hours, days, closed, timeZone };
    if (JSON.stringify(attributes) !== this.#from) this.reading = this.#read(attributes);
  }

  async #read(attributes: ReceptionAttributes): Promise<void> {
    const from = (this.#from = JSON.stringify(attributes));
    const hours = attributes.hours.trim();
    let notice: ReceptionNotice | string | undefined;
    let loaded = true;
    try {
      notice = hours && hours !== 'none' ? (await import('../reception/index.js')).receptionNotice(attributes) : undefined;
    } catch (error) {
      notice = `the notice did not load (${String(error)})`;
      loaded = false;
    }
    // A newer read owns the notice.
    if (from !== this.#from) return;
    if (!loaded) this.#from = undefined;
    if (typeof notice === 'string') console.warn(`<remote-support-consent> ${notice}: the reception notice is hidden`);
    this.notice = typeof notice === 'string' ? undefined : notice;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    this.#schedule();
  }

  hostConnected(): void {
    this.#schedule();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** While the notice shows, look again at the next minute. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (!this.notice || !('terms' in this.host.view) || !this.host.element.isConnected) return;
    this.#timer = setTimeout(() => this.host.requestUpdate(), 60_000 - (Date.now() % 60_000));
  }
}
