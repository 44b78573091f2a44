// A first-time customer on a phone: three pages that show the same built-in Japanese terms, each
// loaded cold (a fresh browser context per sample: no HTTP cache, no connection, no code cache, no
// device key) under Chromium's own network presets, and once more on Slow 4G with the CPU slowed 4×,
// served gzip-compressed by a real HTTP server on loopback, on a touch screen without hover.
//
//   static HTML  the terms written in the page: what the network alone costs;
//   floor        a page whose only content is one small module script that inserts the same text:
//                the least any script widget can cost (one more round trip, a module to run);
//   element      the CDN build, `<remote-support-consent redirect-target="none">`, its lazy chunks
//                as they are built.
//
// `npm run bench` runs it first, on a quiet machine; on its own, for a quick loop:
//   node --import tsx bench/cold.ts [--samples N]      (or BENCH_COLD_SAMPLES=N; 7 by default)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';
import puppeteer, { PredefinedNetworkConditions, type Browser, type Protocol } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../scripts/browsers.mjs';
import { selectBuiltIn, todayInJapan, type CatalogEntry } from '../src/terms/builtin.js';
import type { TermsDocument } from '../src/terms/schema.js';
import { median, pairedRatio, verdict } from './stats.js';

const root = new URL('../', import.meta.url);
const cdn = new URL('dist/cdn/', root);
const entry = 'remote-support-consent.js';
/** The language file the README's snippet preloads (scripts/build.mjs names it in integrity.json). */
const preload = 'lang/ja.js';

/** The network presets by their DevTools names, as puppeteer-core exports them (bytes per second, ms). */
type Network = 'Slow 4G' | 'Fast 4G';

/**
 * What each table measures under: Chromium's two phone network presets on the bench machine's CPU, and
 * Slow 4G again with the CPU slowed 4× (DevTools' and Lighthouse's mobile setting), since a phone's
 * CPU runs the element's script slower than a desktop's. The targets hold for the network presets; the
 * slowed CPU shows what a slow phone adds.
 */
interface Preset {
  name: string;
  network: Network;
  /** CPU slowdown factor, 1 for none. */
  cpu: number;
}
const presets: readonly Preset[] = [
  { name: 'Slow 4G', network: 'Slow 4G', cpu: 1 },
  { name: 'Fast 4G', network: 'Fast 4G', cpu: 1 },
  { name: 'Slow 4G, CPU 4× slower', network: 'Slow 4G', cpu: 4 },
];

/** A mid-range Android phone (Pixel 7's CSS viewport and pixel ratio): a touch screen, no mouse. */
const phone = { width: 412, height: 915, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true };

/** A customer who glances before tapping: 1 s between the terms showing and the tap (the "idle" figure); the other tap comes at once. */
const idleMs = 1000;

type PageName = 'static' | 'floor' | 'element';
const pageNames: PageName[] = ['static', 'floor', 'element'];
const paths: Record<PageName, string> = { static: '/static.html', floor: '/floor.html', element: '/element.html' };

/** The document the element shows by default: the built-in Japanese terms in effect today (its own choice, from the same JSON files). */
function defaultJapaneseTerms(): TermsDocument {
  const folder = new URL('src/terms/documents/', root);
  const documents: TermsDocument[] = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(new URL(name, folder), 'utf8')));
  const catalog: CatalogEntry[] = documents.map((document) => ({
    id: document.id,
    version: document.version,
    locale: document.locale,
    effectiveDate: document.effectiveDate!,
    load: async () => ({ default: document }),
  }));
  const { version, locale } = selectBuiltIn(catalog, { locale: 'ja', today: todayInJapan() });
  return documents.find((document) => document.version === version && document.locale === locale)!;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The terms as plain markup, the same for the static page and the floor: title, version line, preamble, clauses, closing, the two buttons. */
function termsMarkup({ title, version, effectiveDate, preamble = [], clauses, closing }: TermsDocument) {
  return (
    `<h2>${escape(title)}</h2><p>版: ${escape(version)} 施行日: ${escape(effectiveDate ?? '')}</p>` +
    `<div style="max-height:24rem;overflow:auto;padding:1em;border:1px solid #6e7781" tabindex="0">` +
    preamble.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('') +
    (preamble.length ? '<p style="text-align:center">―記―</p>' : '') +
    `<ol>${clauses.map((clause) => `<li>${escape(clause)}</li>`).join('')}</ol>` +
    (closing ? `<p style="text-align:end">${escape(closing)}</p>` : '') +
    `</div><p><button type="button">同意しない</button> <button type="button">同意する</button></p>`
  );
}

/** The same head for all three: a phone's viewport (no double-tap delay), no favicon request. */
const html = (head: string, body: string) =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<link rel="icon" href="data:,"><title>リモートサポートの同意</title>${head}</head><body>${body}</body></html>`;

/** The three pages and the floor's script, generated from the document at run time (nothing here is tracked), and the CDN build as it is on disk. */
function files(terms: TermsDocument): Map<string, [type: string, body: Buffer]> {
  const markup = termsMarkup(terms);
  const routes = new Map<string, [string, Buffer]>([
    [paths.static, ['text/html; charset=utf-8', Buffer.from(html('', markup))]],
    [paths.floor, ['text/html; charset=utf-8', Buffer.from(html('<script type="module" src="/floor.js"></script>', ''))]],
    [
      '/floor.js',
      ['text/javascript; charset=utf-8', Buffer.from(`document.body.insertAdjacentHTML('beforeend', ${JSON.stringify(markup)});\n`)],
    ],
    [
      paths.element,
      [
        'text/html; charset=utf-8',
        Buffer.from(
          html(
            // As the README's CDN snippet has it: the entry, and its language file preloaded beside it.
            `<script type="module" src="/cdn/${entry}"></script><link rel="modulepreload" href="/cdn/${preload}">`,
            '<remote-support-consent redirect-target="none"></remote-support-consent>',
          ),
        ),
      ],
    ],
  ]);
  // Read once, at the start: a build that others run meanwhile cannot change the files under a run.
  for (const file of readdirSync(cdn, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))) {
    routes.set(`/cdn/${file}`, ['text/javascript; charset=utf-8', readFileSync(new URL(file, cdn))]);
  }
  return routes;
}

/** A loopback HTTP/1.1 server that sends every file gzip-compressed (level 9, compressed once up front, as a CDN stores it). */
async function serveGzipped(routes: Map<string, [string, Buffer]>) {
  const gzipped = new Map(
    [...routes].map(([path, [type, body]]) => [path, { type, body: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }) }]),
  );
  const server: Server = createServer((request, response) => {
    const file = gzipped.get(new URL(request.url!, 'http://x').pathname);
    if (!file) return response.writeHead(404).end();
    // Every browser asks for gzip; one that did not would get nothing rather than other bytes than the figures say.
    if (!/\bgzip\b/.test(String(request.headers['accept-encoding']))) return response.writeHead(406).end();
    response.writeHead(200, {
      'content-type': file.type,
      'content-encoding': 'gzip',
      'content-length': file.body.length,
      vary: 'accept-encoding',
    });
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** What the page-side probe (below) keeps on `window.__cold`. */
interface Probe {
  shown: Promise<number>;
  consented: Promise<{ down: number; click: number; clickType: string; consent: number } | { error: string }>;
  hovered: string[];
  /** Every list item's text, in the document and its shadow roots, when the terms showed. */
  clauses: string[];
  agree: () => { x: number; y: number } | undefined;
}
declare global {
  interface Window {
    __cold: Probe;
  }
}

/**
 * Runs in every page before its own scripts (puppeteer's evaluateOnNewDocument, so the pages carry
 * no harness bytes), the same in all three.
 *
 * "Terms on screen": the time, from navigation start (performance.now()'s origin), at which the main
 * thread has rendered the first frame that contains the terms' first clause, visible. A poll on every
 * animation frame looks for an <li> holding the first clause's text, in the document or in any open
 * shadow root, that `checkVisibility` (opacity and visibility included) confirms; the first frame
 * that sees it is the one whose style, layout and paint draw it, so a message posted from that
 * frame's callback runs right after that rendering work: its performance.now() is the figure.
 * The same criterion for all three pages: markup parsed from the HTML, inserted by a module, or
 * rendered by Lit into a shadow root all count alike, and whatever the page does before the text
 * is visible (scripts, chunks, styles, the digest) is in it. `terms-loaded` would only exist on
 * the element's page.
 *
 * Plain JavaScript in a string: tsx would wrap the named functions of a TypeScript function in a
 * helper the page lacks.
 */
const probe = (firstClause: string) => `(() => {
  if (location.protocol !== 'http:') return;
  const firstClause = ${JSON.stringify(firstClause)};
  const visibleIn = (scope) => {
    for (const item of scope.querySelectorAll('li')) {
      if (item.textContent.includes(firstClause) && item.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    }
    for (const element of scope.querySelectorAll('*')) if (element.shadowRoot && visibleIn(element.shadowRoot)) return true;
    return false;
  };
  const allItems = (scope) => [
    ...[...scope.querySelectorAll('li')].map((item) => item.textContent),
    ...[...scope.querySelectorAll('*')].flatMap((element) => (element.shadowRoot ? allItems(element.shadowRoot) : [])),
  ];
  let shown;
  const hovered = [];
  // A tap without hover: any pointer but a finger over the page before the tap would have warmed what hover warms.
  addEventListener('pointerover', (event) => event.pointerType !== 'touch' && hovered.push(event.pointerType), true);
  let down = NaN;
  let click;
  addEventListener('pointerdown', (event) => (down = event.timeStamp), true);
  // The touch-generated click: a PointerEvent whose pointerType says where it came from.
  addEventListener('click', (event) => (click ??= { at: event.timeStamp, type: event.pointerType }), true);
  const consented = new Promise((resolve) => {
    addEventListener('consent', () => resolve({ down, click: click?.at ?? NaN, clickType: click?.type ?? 'none', consent: performance.now() }), true);
    addEventListener('consent-error', (event) => resolve({ error: JSON.stringify(event.detail) }), true);
  });
  // The agree button's centre, found in the element's shadow root by its part (scrolled into view, instantly, were it below the fold).
  const agree = () => {
    const button = document.querySelector('remote-support-consent')?.shadowRoot?.querySelector('[part~="agree"]');
    if (!button) return undefined;
    if (button.getBoundingClientRect().bottom > innerHeight) button.scrollIntoView({ block: 'center', behavior: 'instant' });
    const { x, y, width, height } = button.getBoundingClientRect();
    return { x: x + width / 2, y: y + height / 2 };
  };
  window.__cold = { shown: new Promise((resolve) => (shown = resolve)), consented, hovered, clauses: [], agree };
  const poll = () => {
    if (!visibleIn(document)) return void requestAnimationFrame(poll);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const ms = performance.now();
      window.__cold.clauses = allItems(document);
      shown(ms);
    };
    channel.port2.postMessage(undefined);
  };
  requestAnimationFrame(poll);
})();`;

interface Request {
  url: string;
  /** The URL whose parsing or script asked for this one. */
  parent: string | undefined;
  /** Bytes on the wire: gzip body and headers (CDP's encodedDataLength). */
  bytes: number;
  /** Still loading when the tap came, or asked for after it: what the consent may have waited on. */
  afterTap: boolean;
}

/** The longest chain of requests, each asked for by the previous one, among `counted` (its links outside `counted` do not count). */
function sequential(requests: Request[], counted: (request: Request) => boolean): number {
  const byUrl = new Map(requests.map((request) => [request.url, request]));
  const depth = (request: Request | undefined): number =>
    request && counted(request) ? 1 + depth(request.parent === request.url ? undefined : byUrl.get(request.parent ?? '')) : 0;
  return Math.max(0, ...requests.filter(counted).map(depth));
}

interface Sample {
  termsMs: number;
  bytes: number;
  requests: number;
  tap: { ms: number; bytes: number; requests: number } | undefined;
}

/** `promise`, or a failure saying `what` did not happen within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms)),
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One cold load of `name` in a fresh context under `preset`; on the element's page, with `tapAfter` ms, a tap on agree that long after the terms show. */
async function sample(
  browser: Browser,
  origin: string,
  name: PageName,
  preset: Preset,
  terms: TermsDocument,
  tapAfter?: number,
): Promise<Sample> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport(phone);
    const cdp = await page.createCDPSession();
    await page.emulateNetworkConditions(PredefinedNetworkConditions[preset.network]);
    await page.emulateCPUThrottling(preset.cpu === 1 ? null : preset.cpu);
    const requests = new Map<string, Request>();
    let tapping = false;
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', ({ requestId, request, initiator }: Protocol.Network.RequestWillBeSentEvent) => {
      const parent = initiator.url ?? initiator.stack?.callFrames[0]?.url ?? initiator.stack?.parent?.callFrames[0]?.url;
      requests.set(requestId, { url: request.url, parent, bytes: 0, afterTap: false });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }: Protocol.Network.LoadingFinishedEvent) => {
      const request = requests.get(requestId);
      if (!request) return;
      request.bytes = encodedDataLength;
      request.afterTap = tapping;
    });
    await page.evaluateOnNewDocument(probe(terms.clauses[0]!));
    await page.goto(origin + paths[name], { waitUntil: 'domcontentloaded' });
    // One round trip to the page, resolved as the terms show, brings the agree button's centre too: a tap as soon as the harness can.
    const shown = await within(
      page.evaluate(() => window.__cold.shown.then((ms) => ({ ms, agree: window.__cold.agree() }))),
      60_000,
      `${name} on ${preset.name}: the terms on screen`,
    );
    let timing: Awaited<Probe['consented']> | undefined;
    if (tapAfter !== undefined) {
      let { agree } = shown;
      if (tapAfter) {
        await new Promise((resolve) => setTimeout(resolve, tapAfter));
        agree = await page.evaluate(() => window.__cold.agree());
      }
      if (!agree) throw new Error(`${name}: no [part~="agree"] in the element's shadow root when the terms showed`);
      tapping = true;
      await page.touchscreen.tap(agree.x, agree.y);
      timing = await within(
        page.evaluate(() => window.__cold.consented),
        30_000,
        `tap on agree (${preset.name}): the consent event`,
      );
      if ('error' in timing) throw new Error(`tap on agree (${preset.name}): consent-error ${timing.error}`);
      if (timing.clickType !== 'touch') throw new Error(`the click was not touch-generated (pointerType ${timing.clickType})`);
      if (!(timing.down <= timing.click)) throw new Error('the click came without a pointerdown before it: not a tap');
      // The bytes of what the tap fetched (the consent event needed it all, so it is in; only loadingFinished may lag).
      await page.waitForNetworkIdle({ idleTime: 100 });
    }
    const { clauses, hovered, phoneLike, arrived } = await page.evaluate((shownAt) => {
      // What had arrived when the terms showed, by the page's own clock (Resource Timing's responseEnd).
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const arrived = entries.filter((entry) => entry.responseEnd <= shownAt).map((entry) => entry.name);
      // Headless Chromium has no hover, and touch emulation makes the pointer coarse: what a page sees on a phone.
      const phoneLike = matchMedia('(hover: none) and (any-hover: none) and (pointer: coarse)').matches && navigator.maxTouchPoints > 0;
      return { clauses: window.__cold.clauses, hovered: window.__cold.hovered, phoneLike, arrived };
    }, shown.ms);
    if (!phoneLike) throw new Error(`${name}: the page does not see a touch screen without hover (hover: none, pointer: coarse)`);
    if (JSON.stringify(clauses) !== JSON.stringify(terms.clauses)) {
      throw new Error(
        `${name} (${paths[name]}) showed other clauses than ${terms.id} ${terms.version} ${terms.locale}: the comparison would not be fair`,
      );
    }
    if (hovered.length) throw new Error(`a ${hovered[0]} pointer went over the page: the figures are for a touch screen without hover`);
    const beforeTerms = (request: Request) => request.url === origin + paths[name] || arrived.includes(request.url);
    const afterTap = (request: Request) => request.afterTap;
    const loaded = [...requests.values()];
    const bytes = (counted: (request: Request) => boolean) => loaded.filter(counted).reduce((sum, request) => sum + request.bytes, 0);
    return {
      termsMs: shown.ms,
      bytes: bytes(beforeTerms),
      requests: sequential(loaded, beforeTerms),
      // From the touch-generated click (the tap, complete) to the consent event. pointerdown, where the consent code starts to
      // load, came only the harness's few ms before it: a quick tap, the worst case for the element.
      tap:
        timing && !('error' in timing)
          ? { ms: timing.consent - timing.click, bytes: bytes(afterTap), requests: sequential(loaded, afterTap) }
          : undefined,
    };
  } finally {
    await context.close();
  }
}

/** One round: each page once (the element twice: tapped at once, and after 1 s), in an order that rotates from round to round. */
const rounds = ['static', 'floor', 'element', 'element idle'] as const;

interface PresetResult {
  preset: Preset;
  terms: Record<PageName, number[]>;
  bytes: Record<PageName, number[]>;
  requests: Record<PageName, number[]>;
  tapNow: number[];
  tapIdle: number[];
  tapBytes: number[];
  tapRequests: number[];
}

async function measure(browser: Browser, origin: string, preset: Preset, terms: TermsDocument, samples: number): Promise<PresetResult> {
  const empty = () => ({ static: [] as number[], floor: [] as number[], element: [] as number[] });
  const result: PresetResult = {
    preset,
    terms: empty(),
    bytes: empty(),
    requests: empty(),
    tapNow: [],
    tapIdle: [],
    tapBytes: [],
    tapRequests: [],
  };
  for (let round = 0; round < samples; round++) {
    for (let i = 0; i < rounds.length; i++) {
      const kind = rounds[(round + i) % rounds.length]!;
      if (kind === 'element idle') {
        const { tap } = await sample(browser, origin, 'element', preset, terms, idleMs);
        result.tapIdle.push(tap!.ms);
        continue;
      }
      const loaded = await sample(browser, origin, kind, preset, terms, kind === 'element' ? 0 : undefined);
      result.terms[kind].push(loaded.termsMs);
      result.bytes[kind].push(loaded.bytes);
      result.requests[kind].push(loaded.requests);
      if (loaded.tap) {
        result.tapNow.push(loaded.tap.ms);
        result.tapBytes.push(loaded.tap.bytes);
        result.tapRequests.push(loaded.tap.requests);
      }
    }
  }
  return result;
}

/** The targets: the element's terms within 1.2× of the floor on each network preset; tap → consent within 50 ms. */
const targets = { overFloor: 1.2, tapMs: 50 };

/** A table per preset, in the style of the other sections: the three pages side by side, each ratio under the page it measures. */
function print(results: PresetResult[], samples: number) {
  const column = 14;
  const cells = (values: string[]) => values.map((value) => value.padStart(column)).join('');
  const row = (name: string, values: string[], note = '') =>
    console.log(`    ${name.padEnd(42)}${cells(values)}${note ? `   ${note}` : ''}`);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  const times = (value: number) => `${value.toFixed(2)} ×`;
  console.log(
    `\nCold load on a phone network in headless Chromium: a fresh context per sample, gzip over HTTP/1.1 on loopback, touch, no hover (medians of ${samples} per page)`,
  );
  for (const result of results) {
    const { name, network, cpu } = result.preset;
    const { download, upload, latency } = PredefinedNetworkConditions[network];
    const mbit = (bytesPerSecond: number) => ((bytesPerSecond * 8) / 1e6).toFixed(2);
    const slowed = cpu === 1 ? '' : `, the CPU ${cpu}× slower (no target: what a slow phone adds)`;
    console.log(`  ${name}: ${mbit(download)} Mbit/s down, ${mbit(upload)} Mbit/s up, ${latency} ms added to each request${slowed}`);
    // The targets are for the network presets: a slowed CPU is reported, not judged.
    const judged = (value: number, target: number, label: string) => (cpu === 1 ? verdict(value, target, label) : '');
    row('', ['static HTML', 'floor', 'element']);
    const perPage = (values: Record<PageName, number[]>) => pageNames.map((name) => median(values[name]));
    row('terms on screen', perPage(result.terms).map(ms));
    const overFloor = pairedRatio(result.terms.element, result.terms.floor);
    row(
      '  ÷ the page on its left',
      ['', times(pairedRatio(result.terms.floor, result.terms.static)), times(overFloor)],
      judged(overFloor, targets.overFloor, `element ≤ ${targets.overFloor}× the floor`),
    );
    row('transferred up to the terms (gzip)', perPage(result.bytes).map(kb));
    row('sequential requests up to the terms', perPage(result.requests).map(String));
    const tapNow = median(result.tapNow);
    const tapIdle = median(result.tapIdle);
    row('tap → consent, as soon as the terms show', ['', '', ms(tapNow)], judged(tapNow, targets.tapMs, `≤ ${targets.tapMs} ms`));
    row(`tap → consent, after ${idleMs / 1000} s idle`, ['', '', ms(tapIdle)], judged(tapIdle, targets.tapMs, `≤ ${targets.tapMs} ms`));
    row('  arriving after the tap (gzip)', ['', '', kb(median(result.tapBytes))]);
    row('  sequential requests arriving after it', ['', '', String(median(result.tapRequests))]);
  }
}

/** Samples per page and preset: `--samples N` (or `--samples=N`), else BENCH_COLD_SAMPLES, else 7. */
function samplesWanted(argv = process.argv.slice(2)): number {
  const at = argv.findIndex((arg) => arg === '--samples' || arg.startsWith('--samples='));
  const given = at < 0 ? process.env.BENCH_COLD_SAMPLES : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  const samples = given === undefined || given === '' ? 7 : Number(given);
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error(`samples: expected a whole number of 1 or more, got ${JSON.stringify(given)}`);
  if (samples < 5) console.warn(`cold load: ${samples} samples per page is for a quick look; the published figures take 5 or more`);
  return samples;
}

/** The cold-load section of `npm run bench`: measures each preset and prints its table. */
export async function coldLoad({ samples = samplesWanted() } = {}): Promise<void> {
  if (!existsSync(new URL(entry, cdn))) {
    throw new Error(
      `${relative(process.cwd(), fileURLToPath(new URL(entry, cdn)))} is missing: the cold load measures the CDN build, so build it first (npm run build:cdn; npm run bench builds it)`,
    );
  }
  const terms = defaultJapaneseTerms();
  const { origin, close } = await serveGzipped(files(terms));
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  try {
    // One round of each page, not counted: the browser's first pages pay for starting its own processes.
    for (const name of pageNames) await sample(browser, origin, name, presets[1]!, terms, name === 'element' ? 0 : undefined);
    const results: PresetResult[] = [];
    for (const preset of presets) results.push(await measure(browser, origin, preset, terms, samples));
    print(results, samples);
  } finally {
    await browser.close();
    await close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await coldLoad();
  } catch (error) {
    console.error(`cold load: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
