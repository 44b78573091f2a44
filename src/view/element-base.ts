import { render } from 'lit/html.js';

/** How a reactive property meets its attribute: the part of Lit's property declaration the element uses. */
export interface PropertyDeclaration {
  /** The attribute's name; the property's name in lower case when absent, and none with `false`. */
  readonly attribute?: string | false;
  /** Internal state: it re-renders, and has no attribute. */
  readonly state?: boolean;
  /** `Number`: the attribute's value read as a number (`null` when removed). */
  readonly type?: NumberConstructor;
  /** Reads the attribute's value (`null` when removed) into the property's. */
  readonly converter?: { fromAttribute(value: string | null): unknown };
}

/** The names of the properties that changed since the last render. */
export type ChangedProperties = ReadonlySet<string>;

const attributeOf = (name: string, { attribute, state }: PropertyDeclaration): string | false =>
  !state && (attribute ?? name.toLowerCase());

const merged = new WeakMap<object, Record<string, PropertyDeclaration>>();

/**
 * A class's declared properties and its ancestors', merged as Lit merges them; worked out once, when
 * `define()` reads `observedAttributes`, so every instance and attribute change uses what it saw.
 */
const declared = (element: typeof ElementBase): Record<string, PropertyDeclaration> => {
  let properties = merged.get(element);
  if (!properties) {
    const parent = Object.getPrototypeOf(element) as typeof ElementBase | typeof HTMLElement;
    properties = { ...('properties' in parent && declared(parent)), ...element.properties };
    merged.set(element, properties);
  }
  return properties;
};

/** One constructed style sheet per style text, shared by every element that uses it. */
const sheets = new Map<string, CSSStyleSheet>();

function adoptStyles(root: ShadowRoot, css: string): void {
  if (root.adoptedStyleSheets) {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    // Engines without constructable style sheets (Safari before 16.4) take a <style> element, as in Lit.
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}

/** Node has no HTMLElement: a server that imports the package (to render a page, or in a framework's server build) must not throw. */
const HTMLElementOrStub = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * The element's base: Lit's templates rendered with lit-html, without Lit's
 * ReactiveElement and LitElement, whose 1.9 KB gzip (with Lit's `css` tag) the CDN budget cannot spare.
 * It keeps their behaviour where the element relies on it: declared
 * properties re-render when set and follow their attributes; a property set
 * before the element was defined is kept; renders are batched in a microtask
 * and start once connected; `willUpdate`, `render` and `updated` run in
 * Lit's order, and `updateComplete` settles after a render. As with Lit, a
 * subclass's field defaults must go through the accessors: the project compiles
 * with `useDefineForClassFields: false`.
 */
export abstract class ElementBase extends HTMLElementOrStub {
  /** The reactive properties, declared as in Lit. */
  static properties: Record<string, PropertyDeclaration> = {};
  /** The shadow root's style sheet, as CSS text. */
  static styles = '';

  /**
   * Read by `customElements.define()`, before any instance exists, so the accessors are defined here
   * (once per class: a class may be defined in more than one registry).
   */
  static get observedAttributes(): string[] {
    return Object.entries(declared(this)).flatMap(([name, declaration]) => {
      if (!Object.hasOwn(this.prototype, name)) {
        Object.defineProperty(this.prototype, name, {
          configurable: true,
          enumerable: true,
          // On the prototype itself (a tool inspecting the class) there is no value.
          get(this: ElementBase) {
            return #values in this ? this.#values.get(name) : undefined;
          },
          set(this: ElementBase, value: unknown) {
            if (this.#values.has(name) && Object.is(value, this.#values.get(name))) return;
            this.#values.set(name, value);
            this.requestUpdate(name);
          },
        });
      }
      const attribute = attributeOf(name, declaration);
      return attribute ? [attribute] : [];
    });
  }

  // Declared before #connected, whose initializer assigns it.
  #connect!: (value?: unknown) => void;
  #connected = new Promise((resolve) => (this.#connect = resolve));
  #values = new Map<string, unknown>();
  #changed = new Set<string>();
  #pending = false;
  #updated!: Promise<boolean>;
  /** Properties set on the element before its definition upgraded it, which would hide the accessors. */
  #early: [string, unknown][] = [];

  constructor() {
    super();
    for (const name of Object.keys(declared(this.constructor as typeof ElementBase))) {
      if (Object.hasOwn(this, name)) {
        this.#early.push([name, this.#own[name]]);
        delete this.#own[name];
      }
    }
    this.requestUpdate();
  }

  get #own(): Record<string, unknown> {
    return this as unknown as Record<string, unknown>;
  }

  /** Settles after the pending render, with whether no other render was requested meanwhile. */
  get updateComplete(): Promise<boolean> {
    return this.#updated;
  }

  /** Asks for a render in the next microtask (one for any number of requests); `name` is a property that changed. */
  requestUpdate(name?: string): void {
    if (name) this.#changed.add(name);
    if (this.#pending) return;
    this.#pending = true;
    this.#updated = this.#connected.then(() => this.#update());
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    for (const [name, declaration] of Object.entries(declared(this.constructor as typeof ElementBase))) {
      if (attributeOf(name, declaration) !== attribute) continue;
      const { converter, type } = declaration;
      this.#own[name] = converter ? converter.fromAttribute(value) : type && value !== null ? type(value) : value;
    }
  }

  connectedCallback(): void {
    if (!this.shadowRoot) adoptStyles(this.attachShadow({ mode: 'open' }), (this.constructor as typeof ElementBase).styles);
    this.#connect();
  }

  /** Before rendering: derive state from the changed properties (changes made here join this render). */
  protected willUpdate(_changed: ChangedProperties): void {}

  /** The shadow root's content: a lit-html template. */
  protected abstract render(): unknown;

  /** After rendering (changes made here ask for another render). */
  protected updated(_changed: ChangedProperties): void {}

  #update(): boolean {
    for (const [name, value] of this.#early.splice(0)) this.#own[name] = value;
    const changed = this.#changed;
    let template: unknown;
    try {
      this.willUpdate(changed);
      template = this.render();
    } finally {
      this.#changed = new Set();
      this.#pending = false;
    }
    render(template, this.shadowRoot!, { host: this });
    this.updated(changed);
    return !this.#pending;
  }
}
