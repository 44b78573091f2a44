import type { ReactiveController } from 'lit';
import { ConsentError } from '../errors.js';
import { asConsentError, emit, termsDetail } from '../emit.js';
import type { UiLang } from '../lang.js';
import { isSettled, type ShownTerms } from '../state.js';
import { builtInAtHand } from '../terms/builtin.js';
import { builtInEntry, loadBuiltInWithin, resolveTerms } from '../terms/resolve.js';
import type { TermsDocument } from '../terms/schema.js';
import { within } from '../within.js';
import type { FocusController } from './focus.js';
import type { ConsentHost } from './host.js';
import type { LangController } from './lang.js';
import type { ReceptionController } from './reception.js';

/** How long the terms wait for the reception notice to come with them. */
const receptionGraceMs = 1000;

/** What the terms are made from: src, version, integrity, timeout, language (built-in terms only), attempt, and whether the redirect check blocks them. */
type TermsArgs = readonly [string, string, string, number, UiLang | '', number, boolean];

/**
 * attributes → terms: loads, validates and digests the terms to show (the latest inputs winning),
 * with the UI strings and the reception notice, so the first view is whole and in one language.
 * Once the customer has acted the shown terms stay as they were. Built-in terms whose text is at
 * hand show at once while the checks run (which is how a server renders them).
 */
export class TermsController implements ReactiveController {
  /** A built-in document's text to show while its checks run, when it is at hand without loading. */
  preview?: TermsDocument | undefined;
  #args?: TermsArgs;
  /** Bumped by a retry, and by a reconnection after a removal interrupted the load. */
  #attempt = 0;
  #interrupted = false;
  /** The args of the latest load, and its cancellation: a newer load (or a removal) aborts it, and its result is dropped. */
  #running?: { args: TermsArgs; abort: AbortController } | undefined;

  constructor(
    private readonly host: ConsentHost,
    private readonly lang: LangController,
    private readonly reception: ReceptionController,
    private readonly focus: FocusController,
  ) {
    host.addController(this);
  }

  /** Works out what the terms are made from now (in `willUpdate`: a server renders the preview too). */
  derive(blocked: boolean): void {
    if (isSettled(this.host.view)) return;
    const { termsSrc: src, termsVersion: version, termsIntegrity: integrity } = this.host.element;
    // A vendor document keeps its own language, so only built-in terms follow `lang`.
    const lang = src ? '' : this.lang.lang;
    const args: TermsArgs = [src, version, integrity, this.host.timeoutMs, lang, this.#attempt, blocked];
    if (!this.#args || args.some((value, i) => value !== this.#args![i])) this.#args = args;
    const entry = blocked ? undefined : this.#builtIn();
    this.preview = entry && builtInAtHand(entry);
  }

  /**
   * The built-in terms these inputs show, which a server renders as text: none for a vendor document,
   * for pinned terms (they show once checked), or where the page's language cannot be known (a
   * server renders no text the page might show in another).
   */
  #builtIn() {
    const { termsSrc, termsVersion: version, termsIntegrity, now } = this.host.element;
    return termsSrc || termsIntegrity || !this.lang.known ? undefined : builtInEntry({ version, lang: this.lang.lang, now: now() });
  }

  /** No agree button without words on it: the language file failed (vendor terms come without it). */
  #needStrings(): void {
    if (!this.lang.loaded) throw new ConsentError('terms-fetch-failed', `the ${this.lang.lang} UI strings did not load`);
  }

  /**
   * Settles once what a server rendered is at hand again (its language's strings, and the built-in
   * terms it showed), so that the first render of a hydrating element is the server's; rejects where
   * they did not load within `timeout`.
   */
  async whenAtHand(): Promise<void> {
    const entry = this.#builtIn();
    const { timeoutMs } = this.host;
    const late = new ConsentError('terms-fetch-failed', `the ${this.lang.lang} strings and terms did not load within ${timeoutMs} ms`);
    await within(Promise.all([this.lang.use(this.lang.lang), entry && loadBuiltInWithin(entry, timeoutMs)]), timeoutMs, late);
    this.#needStrings();
  }

  /** Loads the terms again (after a failure that may pass). */
  retry(): void {
    this.#attempt++;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    // Back in a page after a removal that interrupted the load: load again.
    if (!this.#interrupted) return;
    this.#interrupted = false;
    this.retry();
  }

  hostDisconnected(): void {
    if (this.host.view.name !== 'loading') return;
    this.#interrupted = true;
    this.#running?.abort.abort();
  }

  /** Before each render: a load for inputs that changed since the last one (which it replaces). */
  hostUpdate(): void {
    const args = this.#args;
    if (!args || args === this.#running?.args) return;
    // Lit still renders an element removed before its first update: it loads nothing until it is back.
    if (!this.host.element.isConnected) {
      this.#interrupted = true;
      return;
    }
    this.#running?.abort.abort();
    const running = (this.#running = { args, abort: new AbortController() });
    const blocked = args[6];
    if (blocked) return;
    const latest = () => this.#running === running && !running.abort.signal.aborted;
    this.#load(args, running.abort.signal).then(
      (terms) => void (latest() && this.#loaded(terms)),
      (error: unknown) => void (latest() && this.host.fail(asConsentError(error, 'terms-fetch-failed'))),
    );
  }

  async #load([src, version, integrity, timeoutMs, lang]: TermsArgs, signal: AbortSignal): Promise<ShownTerms> {
    this.host.dispatch({ type: 'load' });
    // A notice whose code failed to load is tried again with the terms.
    this.reception.readIfChanged();
    const terms = await resolveTerms({ src, version, integrity, lang: lang || this.lang.lang, timeoutMs, signal, now: this.host.element.now() });
    // Neither the strings nor the notice hold the terms up for long: late ones follow them.
    const strings = within(this.lang.use(this.lang.lang), timeoutMs, 'late').catch(() => undefined);
    const notice = within(this.reception.reading, receptionGraceMs, 'late').catch(() => undefined);
    await Promise.all([strings, notice]);
    signal.throwIfAborted();
    this.#needStrings();
    return terms;
  }

  async #loaded(terms: ShownTerms): Promise<void> {
    this.host.dispatch({ type: 'loaded', terms });
    // After a retry, focus waited on the status; the terms are what to read now.
    if (this.focus.isOn('status')) this.focus.moveAfterRender('terms');
    await this.host.updateComplete;
    const view = this.host.view;
    if (view.name === 'ready' && view.terms === terms) emit(this.host.element, 'terms-loaded', termsDetail(terms));
  }
}
