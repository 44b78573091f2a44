// `node scripts/browser-floor.mjs`: the browser code that ships uses nothing newer than the floor.
//
// The floor is package.json's `browserslist`, as the oldest version of each browser it names. CI has
// only current browsers, so this reads what ships (dist/cdn/**/*.js, and the npm dist/ modules a
// browser may load) against @mdn/browser-compat-data, and fails, naming file:line:column, the feature
// and each floor browser that lacks it, on:
//
// - ECMAScript syntax and built-ins, through eslint-plugin-es-x. A rule is on when the data says a
//   floor browser lacks what it forbids: built-in rules map to `javascript.builtins.*` by the name in
//   their description, the others by the table `syntaxData`. A rule with no data is on from the first
//   edition in which the data finds something the floor lacks (`--rules` lists them all). Code the
//   parser cannot read (decorators, say) fails too.
// - Web APIs and built-ins in `api.*` and `javascript.builtins.*`. Exactly, whatever the minifier did
//   (globals keep their names): a global (`URLPattern`, `window.X`), a static member or constructor of
//   one (`Iterator.from`, `new X()`), a member of a well-known global object
//   (`navigator.userActivation`, `crypto.subtle.X`), `import.meta.X`, an event in
//   `addEventListener('name', …)`. By name, for `x.name` on an object whose type a bundle does not
//   say: when the name is specific (no supported interface has a member, nor a supported API an option,
//   of that name: `checkVisibility`, `isWellFormed`, `union`); when the shipped code does not define it
//   itself (an object key, a class member, a function assigned), as zod defines `union` and Lit
//   `properties`; when the object is not an import (`z.uuid()`); and, for a one-word name, only when
//   called, since data objects' fields are one word too (`x.union(y)` counts, `record.role` does not).
//
// A use behind a feature test is a fallback, listed and allowed: the name tested (`'name' in x`,
// `typeof X`, `if (x.name)`, `x.name ? … : …`, `x.name && …`, `x.name?.()`), or the variable holding its
// value (`const n = x.name; if (typeof n === 'number')`), or, for a member only a newer API's objects
// have, the object (`tt ? tt.emptyScript : ''`), in the function of the use or one around it.
//
// It cannot see: a member whose name a supported API shares (`searchParams.size`, `x.close()` on a
// CloseWatcher), a one-word property read or written (`el.popover = 'auto'`), a new parameter, option
// or value of an old API (`{ signal }`, a new `input` type), what a feature test elsewhere in the same
// function does not really guard, behaviour (a partial implementation counts as support), CSS in the
// styles and HTML in the templates, and the dependencies an integrator's bundler takes from
// node_modules for the npm build (the CDN build bundles, and so checks, those the element uses).
//
// `--rules` prints the es-x rules and the data each stands on; `--verbose` every fallback in full.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import browserslist from 'browserslist';
import { ESLint } from 'eslint';
import esx from 'eslint-plugin-es-x';

const require = createRequire(import.meta.url);
const bcd = require('@mdn/browser-compat-data');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// --- The floor ------------------------------------------------------------------------------------

/** browserslist's browser names, as @mdn/browser-compat-data spells them. */
const dataName = { chrome: 'chrome', edge: 'edge', firefox: 'firefox', safari: 'safari', ios_saf: 'safari_ios' };

/** Compares two version strings of the data ("16.4", "≤79"); `≤N` counts as N. */
function compareVersions(a, b) {
  const parts = (v) => String(v).replace('≤', '').split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The oldest version of each browser that package.json's `browserslist` names, e.g. `{ firefox: '115' }`. */
export const floor = (() => {
  const queries = browserslist.loadConfig({ path: root });
  if (!queries) throw new Error('package.json has no browserslist: it names the floor');
  const versions = {};
  for (const entry of browserslist(queries)) {
    const [name, range] = entry.split(' ');
    const browser = dataName[name];
    if (!browser) throw new Error(`package.json's browserslist names "${entry}", a browser the floor check does not know`);
    const version = range.split('-')[0];
    if (!versions[browser] || compareVersions(version, versions[browser]) < 0) versions[browser] = version;
  }
  return versions;
})();

const browserName = (browser) => bcd.browsers[browser].name;

/**
 * The floor browsers that lack a feature (by its `__compat`): not there at the floor version (added
 * later, never, only behind a flag, a prefix or another name), or removed since. An unknown
 * (`version_added: null`) counts as there: the data cannot say otherwise.
 */
function lackingIn(compat) {
  const lacking = [];
  for (const [browser, version] of Object.entries(floor)) {
    const statements = [compat.support[browser] ?? { version_added: false }].flat();
    const plain = statements.filter((s) => !s.flags && !s.prefix && !s.alternative_name);
    const isVersion = (v) => typeof v === 'string' && v !== 'preview';
    if (plain.some((s) => s.version_added === null || s.version_added === true)) continue;
    const added = plain.filter((s) => isVersion(s.version_added));
    const atFloor = added.some((s) => compareVersions(s.version_added, version) <= 0 && !(isVersion(s.version_removed) && compareVersions(s.version_removed, version) <= 0));
    const now = added.some((s) => !s.version_removed);
    if (atFloor && now) continue;
    const removed = atFloor ? added.map((s) => s.version_removed).filter(isVersion).sort(compareVersions).at(-1) : undefined;
    const later = added.filter((s) => !s.version_removed).map((s) => s.version_added).sort(compareVersions)[0] ?? null;
    lacking.push({ browser: browserName(browser), floor: version, ...(removed ? { removed } : { added: later }) });
  }
  return lacking;
}

/** One lack per browser, the first. */
const oneEach = (lacking) => lacking.filter((l, i) => lacking.findIndex((other) => other.browser === l.browser) === i);

const compatAt = (key) => key.split('.').reduce((node, part) => node?.[part], bcd)?.__compat;

// --- ECMAScript: eslint-plugin-es-x, its rules chosen by the data -----------------------------------

/** Syntax (and other) rules whose description names no built-in: the data they stand on. */
const syntaxData = {
  'no-arbitrary-module-namespace-names': ['javascript.statements.import.arbitrary_module_namespace_identifier_names'],
  'no-class-instance-fields': ['javascript.classes.public_class_fields'],
  'no-class-static-fields': ['javascript.classes.static.class_fields'],
  'no-class-private-fields': ['javascript.classes.private_class_fields'],
  'no-class-private-methods': ['javascript.classes.private_class_methods'],
  'no-class-static-block': ['javascript.classes.static.initialization_blocks'],
  'no-private-in': ['javascript.classes.private_class_fields_in'],
  'no-error-cause': ['javascript.builtins.Error.Error.options_cause_parameter'],
  'no-regexp-d-flag': ['javascript.builtins.RegExp.hasIndices'],
  'no-top-level-await': ['javascript.operators.await.top_level'],
  'no-hashbang': ['javascript.grammar.hashbang_comments'],
  'no-regexp-v-flag': ['javascript.builtins.RegExp.unicodeSets'],
  'no-resizable-and-growable-arraybuffers': ['javascript.builtins.ArrayBuffer.resizable', 'javascript.builtins.SharedArrayBuffer.growable'],
  'no-import-attributes': ['javascript.statements.import.import_attributes'],
  'no-json-modules': ['javascript.statements.import.import_attributes.type_json'],
  'no-dynamic-import-options': ['javascript.operators.import.options_parameter'],
  'no-regexp-modifiers': ['javascript.regular_expressions.modifier'],
  'no-regexp-duplicate-named-capturing-groups': ['javascript.regular_expressions.named_capturing_group.duplicate_named_capturing_groups'],
  'no-json-parse-reviver-context-parameter': ['javascript.builtins.JSON.parse.reviver_parameter_context_argument'],
  'no-using-declarations': ['javascript.statements.using', 'javascript.statements.await_using'],
  'no-regexp-lookbehind-assertions': ['javascript.regular_expressions.lookbehind_assertion'],
  'no-regexp-named-capture-groups': ['javascript.regular_expressions.named_capturing_group'],
  'no-regexp-s-flag': ['javascript.builtins.RegExp.dotAll'],
  'no-regexp-unicode-property-escapes': ['javascript.regular_expressions.unicode_character_class_escape'],
  'no-optional-chaining': ['javascript.operators.optional_chaining'],
  'no-nullish-coalescing-operators': ['javascript.operators.nullish_coalescing'],
  'no-logical-assignment-operators': ['javascript.operators.logical_or_assignment', 'javascript.operators.logical_and_assignment', 'javascript.operators.nullish_coalescing_assignment'],
  'no-numeric-separators': ['javascript.grammar.numeric_separators'],
  'no-import-meta': ['javascript.operators.import_meta'],
  'no-dynamic-import': ['javascript.operators.import'],
  'no-bigint': ['javascript.builtins.BigInt'],
  'no-iterator': ['javascript.builtins.Iterator.Iterator'],
};

/** The `javascript.builtins.*` features a rule's description names (`` `Set.prototype.union` ``, `` `Intl.DurationFormat` ``). */
function builtinsNamedBy(description) {
  const keys = [];
  for (const [, text] of description.matchAll(/`([^`]+)`/g)) {
    const match = /^([\w.]+?)(?:\.prototype)?(?:\.(\{[\w,]+\}|\w+))?(?:\(\))?$/.exec(text);
    if (!match) continue;
    const [, owner, member] = match;
    for (const name of member ? member.replace(/[{}]/g, '').split(',') : [undefined]) {
      const key = [`javascript.builtins.${owner}`, `javascript.builtins.Intl.${owner}`]
        .map((base) => (name ? `${base}.${name}` : base))
        .find((candidate) => compatAt(candidate));
      if (key) keys.push(key);
    }
  }
  return keys;
}

/**
 * Every es-x rule about an edition's features (not the non-standard or legacy ones, nor those a newer
 * rule replaces), with the data it stands on, the floor browsers that lack it and whether it is on.
 */
export const esRules = (() => {
  const rules = [];
  for (const [name, rule] of Object.entries(esx.rules)) {
    const { category, description } = rule.meta.docs;
    const edition = Number(/^ES(\d{4})/.exec(category)?.[1] ?? (category === 'ES5' ? 2009 : NaN));
    if (name.startsWith('no-nonstandard-') || rule.meta.deprecated || Number.isNaN(edition)) continue;
    const keys = syntaxData[name] ?? builtinsNamedBy(description);
    for (const key of keys) if (!compatAt(key)) throw new Error(`@mdn/browser-compat-data has no ${key} (for es-x/${name}): update the table in scripts/browser-floor.mjs`);
    const features = keys.map((key) => ({ key, lacking: lackingIn(compatAt(key)) }));
    const allowsTests = rule.meta.schema?.[0]?.properties?.allowTestedProperty !== undefined;
    rules.push({ name, category, edition, features, allowsTests, lacking: oneEach(features.flatMap((f) => f.lacking)) });
  }
  // The first edition with a feature some floor browser lacks: a rule with no data is on from there.
  const firstLacking = Math.min(...rules.filter((r) => r.lacking.length).map((r) => r.edition));
  for (const rule of rules) {
    rule.on = rule.features.length ? rule.lacking.length > 0 : rule.edition >= firstLacking;
    if (!rule.features.length) rule.note = `no compat data; on, as the floor lacks parts of ES${firstLacking} and later`;
  }
  return rules;
})();

const esRuleByName = new Map(esRules.map((rule) => [rule.name, rule]));

// --- Web APIs and built-ins: the data as tables ------------------------------------------------------

/** A data key that is a pseudo-feature (`secure_context_required`, `worker_support`), not a member. */
const isPseudo = (key) => /^[a-z0-9]+(_[a-z0-9]+)+$/.test(key) || !/^[A-Za-z_$][\w$]*$/.test(key);

/** Global objects whose interface is known: a member of one is looked up exactly. */
const globalObjects = {
  navigator: 'Navigator', document: 'Document', location: 'Location', history: 'History', screen: 'Screen',
  performance: 'Performance', crypto: 'Crypto', customElements: 'CustomElementRegistry', localStorage: 'Storage',
  sessionStorage: 'Storage', indexedDB: 'IDBFactory', visualViewport: 'VisualViewport', caches: 'CacheStorage',
  console: 'console', scheduler: 'Scheduler', navigation: 'Navigation', cookieStore: 'CookieStore', trustedTypes: 'TrustedTypePolicyFactory',
};
/** Well-known objects reached from those: `crypto.subtle`, `navigator.clipboard`… */
const globalPaths = {
  'crypto.subtle': 'SubtleCrypto', 'navigator.clipboard': 'Clipboard', 'navigator.storage': 'StorageManager',
  'navigator.serviceWorker': 'ServiceWorkerContainer', 'navigator.permissions': 'Permissions', 'navigator.locks': 'LockManager',
  'navigator.mediaDevices': 'MediaDevices', 'navigator.userActivation': 'UserActivation', 'document.fonts': 'FontFaceSet',
};
/** Names of the global object itself: `window.X` is the global X. */
const globalSelf = new Set(['window', 'self', 'globalThis', 'frames']);

/**
 * The data of `api.*` and `javascript.builtins.*` as tables of features, each
 * `{ key, label, lacking, ownerLacking }`: `ownerLacking` when its interface is itself missing from a
 * floor browser, so that any object that has the feature came from a newer API.
 */
function buildApiTables() {
  /** name → features: the global scope's names (interfaces, functions, Window's members, built-ins). */
  const globals = new Map();
  /** owner → member → features: static members and constructors (`Owner.Owner`). */
  const statics = new Map();
  /** owner → member → features: members of instances. */
  const members = new Map();
  /** member name → the features of that name an object can have (instance members, events' handlers), for the by-name check. */
  const byName = new Map();
  /** event name → features. */
  const events = new Map();
  /** Names the data gives supported options, parameters and returned members (`capture`, `signal`): in use by what the floor has. */
  const optionNames = new Set();
  const add = (map, name, entry) => map.set(name, [...(map.get(name) ?? []), entry]);
  const table = (map, owner) => map.get(owner) ?? map.set(owner, new Map()).get(owner);
  const feature = (key, label, ownerLacking) => ({ key, label, lacking: lackingIn(compatAt(key)), ownerLacking });
  const collectOptionNames = (data) => {
    for (const [key, sub] of Object.entries(data)) {
      if (key === '__compat' || !sub?.__compat) continue;
      if (!lackingIn(sub.__compat).length) for (const token of key.split('_')) if (/^[A-Za-z$][\w$]*$/.test(token)) optionNames.add(token);
      collectOptionNames(sub);
    }
  };

  const addOwner = (base, owner, data, { global }) => {
    const ownerLacking = lackingIn(data.__compat).length > 0;
    const short = owner.split('.').at(-1);
    // A built-in's global is there with its constructor (`Iterator` came long after %IteratorPrototype%).
    if (global) add(globals, owner, feature(base.startsWith('javascript.') && data[short]?.__compat ? `${base}.${short}` : base, owner, ownerLacking));
    for (const [key, sub] of Object.entries(data)) {
      if (key === '__compat' || !sub?.__compat) continue;
      collectOptionNames(sub);
      const path = `${base}.${key}`;
      if (key === short) add(table(statics, owner), key, feature(path, `new ${owner}()`, ownerLacking));
      else if (key.endsWith('_event')) {
        const name = key.slice(0, -'_event'.length);
        const entry = feature(path, `the ${owner} "${name}" event`, ownerLacking);
        add(events, name, entry);
        add(byName, `on${name}`, entry);
      } else if (key.endsWith('_static')) {
        const entry = feature(path, `${owner}.${key.slice(0, -'_static'.length)}`, ownerLacking);
        add(table(statics, owner), key.slice(0, -'_static'.length), entry);
        // Reached through their global, so looked up exactly; by name, a supported one only makes a name common.
        if (!entry.lacking.length) add(byName, key.slice(0, -'_static'.length), entry);
      } else if (!isPseudo(key)) {
        // The data does not mark a built-in's static members; its spec link does (`#sec-set.prototype.union`).
        const isStatic = base.startsWith('javascript.') && !/\.prototype\./i.test(sub.__compat.spec_url ?? '');
        const entry = feature(path, isStatic ? `${owner}.${key}` : `${owner}.prototype.${key}`, ownerLacking);
        add(table(isStatic ? statics : members, owner), key, entry);
        if (!isStatic || !entry.lacking.length) add(byName, key, entry);
      }
    }
  };
  for (const [name, data] of Object.entries(bcd.api)) addOwner(`api.${name}`, name, data, { global: true });
  for (const [name, data] of Object.entries(bcd.javascript.builtins)) {
    addOwner(`javascript.builtins.${name}`, name, data, { global: true });
    // Intl's constructors are its members (`Intl.DurationFormat`), with members of their own.
    if (name === 'Intl') {
      for (const [sub, subData] of Object.entries(data)) {
        if (subData?.__compat && /^[A-Z]/.test(sub)) addOwner(`javascript.builtins.Intl.${sub}`, `Intl.${sub}`, subData, { global: false });
      }
    }
  }
  // The global scope is a Window: its members are globals (`scheduler`, `navigation`).
  for (const [name, entries] of members.get('Window') ?? []) for (const entry of entries) add(globals, name, { ...entry, label: name });
  const importMeta = new Map(Object.keys(bcd.javascript.operators.import_meta).filter((key) => key !== '__compat')
    .map((key) => [key, [feature(`javascript.operators.import_meta.${key}`, `import.meta.${key}`, false)]]));
  return { globals, statics, members, byName, events, importMeta, optionNames };
}

const apiTables = buildApiTables();

/** The features, when all of them lack something at the floor. */
const allLacking = (entries) => (entries?.length && entries.every((e) => e.lacking.length) ? entries : undefined);

/**
 * Whether a member of an unknown object is worth matching by name: a name of several words
 * (`checkVisibility`, `ariaLabel`) or an event handler (`onscrollend`) whatever is done with it, a
 * one-word name (`union`, `role`, `city`) only when called, as data objects' fields are one word too.
 */
const namedEnough = (node, name) =>
  /^.+[A-Z]/.test(name) || /^on[a-z]+$/.test(name)
  || (['CallExpression', 'NewExpression'].includes(node.parent.type) && node.parent.callee === node)
  || (node.parent.type === 'TaggedTemplateExpression' && node.parent.tag === node);

/** The features of a member name, when the name is specific to features the floor lacks. */
const specific = (name) => (apiTables.optionNames.has(name) ? undefined : allLacking(apiTables.byName.get(name)));

// --- The rule that finds the uses -------------------------------------------------------------------

const isFunction = (node) => ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(node?.type);
const isScope = (node) => isFunction(node) || node.type === 'Program';
/** A string written as `'x'` or `` `x` `` (as minifiers do). */
const stringValue = (node) =>
  node?.type === 'Literal' && typeof node.value === 'string' ? node.value
  : node?.type === 'TemplateLiteral' && !node.expressions.length ? node.quasis[0].value.cooked
  : undefined;
const propertyName = (node) => (!node.computed && node.property.type === 'Identifier' ? node.property.name : stringValue(node.property));
const keyName = (node) => (!node.computed && node.key.type === 'Identifier' ? node.key.name : stringValue(node.key) ?? (typeof node.key.value === 'string' ? node.key.value : undefined));

/**
 * A node whose value is only tested: `typeof x.m`, `if (x.m)`, `x.m ? … : …`, `x.m && …`, `x.m ?? …`,
 * `!x.m`, `x.m == null`, `x.m?.()`.
 */
function isTested(node) {
  const { parent } = node;
  return (parent.type === 'UnaryExpression' && ['typeof', '!'].includes(parent.operator))
    || (['IfStatement', 'ConditionalExpression', 'WhileStatement'].includes(parent.type) && parent.test === node)
    || (parent.type === 'LogicalExpression' && parent.left === node)
    || (parent.type === 'BinaryExpression' && /^[!=]==?$/.test(parent.operator)
      && [parent.left, parent.right].some((side) => side.raw === 'null' || stringValue(side) === 'undefined' || side.name === 'undefined'))
    || (parent.type === 'CallExpression' && parent.callee === node && parent.optional)
    || (parent.type === 'MemberExpression' && parent.object === node && parent.optional);
}

/** The rule's findings go to `state`, not through ESLint, so that the by-name ones can be judged across files. */
function webApiPlugin(state) {
  const create = (context) => {
    const { sourceCode } = context;
    const file = context.filename;
    const uses = [];
    /** Nodes in a test position, and the feature names tested (`'m' in x`, `typeof X`). */
    const testedNodes = [];
    const testedNames = [];
    /** `x.m = f`: defines `m` if f is a function. */
    const assigned = [];

    return {
      MemberExpression(node) {
        const name = propertyName(node);
        if (name !== undefined) uses.push({ node, name, member: true });
        if (isTested(node)) testedNodes.push(node);
      },
      Identifier(node) {
        if (isTested(node)) testedNodes.push(node);
      },
      'BinaryExpression[operator="in"]'(node) {
        testedNames.push([stringValue(node.left), node]);
      },
      MetaProperty(node) {
        const name = node.meta.name === 'import' && node.parent.type === 'MemberExpression' ? propertyName(node.parent) : undefined;
        if (name !== undefined) uses.push({ node: node.parent, name, entries: allLacking(apiTables.importMeta.get(name)), how: 'exact' });
      },
      CallExpression(node) {
        const callee = node.callee.type === 'MemberExpression' ? propertyName(node.callee) : undefined;
        const first = stringValue(node.arguments[0]);
        if (/^(add|remove)EventListener$/.test(callee ?? '') && first !== undefined) {
          uses.push({ node: node.arguments[0], name: `on${first}`, entries: allLacking(apiTables.events.get(first)), how: 'event' });
        }
        // Object.defineProperty(x, 'm', …) defines m.
        if (callee === 'defineProperty' && stringValue(node.arguments[1]) !== undefined) state.ownNames.add(stringValue(node.arguments[1]));
      },
      // Names the shipped code defines itself: a member of that name may be its own.
      'ObjectExpression > Property'(node) {
        state.ownNames.add(keyName(node));
      },
      'MethodDefinition, PropertyDefinition'(node) {
        state.ownNames.add(keyName(node));
      },
      'AssignmentExpression > MemberExpression.left'(node) {
        assigned.push(node);
      },
      'ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression'(node) {
        const source = stringValue(node.source);
        if (/^\.\.?\//.test(source ?? '')) state.imports.add(resolve(dirname(file), source));
      },

      'Program:exit'() {
        const { scopeManager } = sourceCode;
        const { globalScope } = scopeManager;
        /** Each identifier's variable (a local one; globals have none here). */
        const variables = new Map();
        for (const scope of scopeManager.scopes) {
          for (const ref of scope.references) if (ref.resolved && ref.resolved.defs.length) variables.set(ref.identifier, ref.resolved);
        }
        // The global scope's references: unresolved ones, and those to the built-ins ESLint declares.
        const globalRefs = new Set([...globalScope.through, ...globalScope.variables.filter((v) => !v.defs.length).flatMap((v) => v.references)].map((ref) => ref.identifier));
        /** A value that makes `x.m = value` define m: a function, class, object or array, or the name of a function. */
        const isFunctionValue = (node) => {
          if (/Function|Class/.test(node.type) || ['ObjectExpression', 'ArrayExpression'].includes(node.type)) return true;
          const def = node.type === 'Identifier' ? variables.get(node)?.defs[0] : undefined;
          return def?.type === 'FunctionName' || def?.type === 'ClassName' || (def?.type === 'Variable' && /Function|Class/.test(def.node.init?.type ?? ''));
        };
        // (Not `el.onscrollend = f`: that uses an event.)
        for (const node of assigned) if (isFunctionValue(node.parent.right) && !/^on[a-z]+$/.test(propertyName(node) ?? '')) state.ownNames.add(propertyName(node));

        /** What is tested, and in which function (or the Program): `name:m` for a feature's name, a variable, or an object's text. */
        const tests = new Map();
        const scopeOf = (node) => {
          let scope = node.parent;
          while (!isScope(scope)) scope = scope.parent;
          return scope;
        };
        const addTestIn = (key, scope) => (tests.get(key) ?? tests.set(key, new Set()).get(key)).add(scope);
        const addTest = (key, node) => addTestIn(key, scopeOf(node));
        /** What an object expression is, as a key in `tests`. */
        const keyOf = (node) => (node.type === 'Identifier' ? variables.get(node) ?? `name:${node.name}` : node.type === 'MemberExpression' ? `text:${sourceCode.getText(node)}` : undefined);
        for (const node of testedNodes) {
          if (node.type === 'MemberExpression' && propertyName(node) !== undefined) addTest(`name:${propertyName(node)}`, node);
          if (node.type === 'Identifier' && globalRefs.has(node)) addTest(`name:${node.name}`, node);
          if (keyOf(node) !== undefined) addTest(keyOf(node), node);
        }
        for (const [name, node] of testedNames) if (name !== undefined) addTest(`name:${name}`, node);
        const testedAround = (key, node) => {
          for (let scope = node; scope; scope = scope.parent) if (isScope(scope) && tests.get(key)?.has(scope)) return true;
          return false;
        };

        /** What a member's object is: the global object, a global (`Owner`), an instance of a known interface, or unknown. */
        const objectOf = (object) => {
          if (object.type === 'Identifier' && globalRefs.has(object)) {
            if (globalSelf.has(object.name)) return { self: true };
            if (globalObjects[object.name]) return { instance: globalObjects[object.name], path: object.name };
            return { owner: object.name };
          }
          if (object.type !== 'MemberExpression') return {};
          const inner = objectOf(object.object);
          const name = propertyName(object);
          if (inner.owner && name === 'prototype') return { instance: inner.owner };
          if (inner.self && globalObjects[name]) return { instance: globalObjects[name], path: name };
          if (inner.self) return { owner: name };
          if (inner.owner === 'Intl' && name) return { owner: `Intl.${name}` };
          const path = `${inner.path}.${name}`;
          return inner.path && globalPaths[path] ? { instance: globalPaths[path], path } : {};
        };
        /** Whether the object is imported: a module's exports (`z.uuid()`), not a Web API's object. */
        const imported = (object) => object.type === 'Identifier' && variables.get(object)?.defs[0]?.type === 'ImportBinding';

        for (const id of globalRefs) {
          uses.push({ node: id, name: id.name, entries: allLacking(apiTables.globals.get(id.name)), how: 'exact' });
          // `new Owner()` where Owner is there but its constructor is not.
          if (id.parent.type === 'NewExpression' && id.parent.callee === id && !allLacking(apiTables.globals.get(id.name))) {
            uses.push({ node: id, name: id.name, entries: allLacking(apiTables.statics.get(id.name)?.get(id.name)), how: 'exact' });
          }
        }
        for (const use of uses) {
          if (!use.member) continue;
          const { node, name } = use;
          const of = objectOf(node.object);
          const exact = of.self ? apiTables.globals.get(name)
            : of.owner ? apiTables.statics.get(of.owner)?.get(name) ?? apiTables.members.get(of.owner)?.get(name)
            : of.instance ? apiTables.members.get(of.instance)?.get(name)
            : undefined;
          if (exact) Object.assign(use, { entries: allLacking(exact), how: 'exact' });
          else if (!imported(node.object) && namedEnough(node, name)) Object.assign(use, { entries: specific(name), how: 'name' });
        }
        // A feature's value kept in a variable that is then tested (`const n = E.stackTraceLimit; if (typeof n === 'number')`): the feature is tested there.
        for (const { node, name, entries } of uses) {
          const { parent } = node;
          const holder = entries && (parent.type === 'VariableDeclarator' && parent.init === node ? parent.id : parent.type === 'AssignmentExpression' && parent.right === node ? parent.left : undefined);
          const variable = holder?.type === 'Identifier' ? variables.get(holder) : undefined;
          for (const scope of tests.get(variable) ?? []) addTestIn(`name:${name}`, scope);
        }
        const found = new Set(uses.filter((use) => use.entries).map((use) => use.node));
        for (const { node, name, entries, how } of uses) {
          // A member of what is itself missing is that finding's.
          if (!entries || found.has(node.object)) continue;
          // Tested by name; or, for what only objects of a newer API have, its object tested (`tt ? tt.emptyScript : ''`).
          const objectKey = node.type === 'MemberExpression' && entries.every((e) => e.ownerLacking) ? keyOf(node.object) : undefined;
          const guarded = testedAround(`name:${name}`, node) || (objectKey !== undefined && testedAround(objectKey, node));
          state.findings.push({ file, line: node.loc.start.line, column: node.loc.start.column + 1, name, how, guarded, features: entries });
        }
      },
    };
  };
  return { meta: { name: 'browser-floor' }, rules: { 'web-api': { meta: { type: 'problem', schema: [] }, create } } };
}

// --- Checking -------------------------------------------------------------------------------------

/**
 * @typedef {{ browser: string, floor: string, added?: string | null, removed?: string }} Lack
 * @typedef {{ file: string, line: number, column: number, feature: string, data: string[], lacking: Lack[], by: string, guarded: boolean, snippet: string, note?: string }} Finding
 */

/**
 * Checks sources (`{ file, code }`, file paths relative to the repository or absolute), following
 * their relative imports to files not given. Resolves to the failures and the feature-tested uses.
 * @returns {Promise<{ problems: Finding[], guarded: Finding[], files: string[] }>}
 */
export async function checkSources(sources, { followImports = false } = {}) {
  const state = { findings: [], ownNames: new Set(), imports: new Set() };
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [{
      files: ['**/*.js', '**/*.mjs'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      // A comment in the shipped code cannot turn a check off.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      plugins: { 'es-x': esx, floor: webApiPlugin(state) },
      rules: {
        'floor/web-api': 'error',
        ...Object.fromEntries(esRules.filter((r) => r.on).map((r) => [`es-x/${r.name}`, r.allowsTests ? ['error', { allowTestedProperty: true }] : 'error'])),
      },
    }],
  });
  const queue = sources.map(({ file, code }) => ({ file: resolve(root, file), code }));
  const seen = new Set(queue.map((s) => s.file));
  const codeOf = new Map();
  const findings = [];
  while (queue.length) {
    const { file, code } = queue.shift();
    codeOf.set(file, code);
    const [result] = await eslint.lintText(code, { filePath: file });
    for (const message of result.messages.filter((m) => m.fatal || m.ruleId?.startsWith('es-x/'))) {
      const rule = message.ruleId?.startsWith('es-x/') ? esRuleByName.get(message.ruleId.slice(5)) : undefined;
      findings.push({
        file, line: message.line ?? 1, column: message.column ?? 1, guarded: false,
        feature: rule ? message.message.replace(/ is forbidden\.$/, '') : message.fatal ? `code the parser cannot read: ${message.message}` : message.message,
        data: rule ? rule.features.map((f) => f.key) : [],
        lacking: rule ? rule.lacking : [],
        by: message.ruleId ?? 'parser',
        ...(rule?.note ? { note: rule.note } : {}),
      });
    }
    if (!followImports) continue;
    for (const imported of state.imports) {
      if (seen.has(imported) || !imported.endsWith('.js') || !existsSync(imported)) continue;
      seen.add(imported);
      queue.push({ file: imported, code: readFileSync(imported, 'utf8') });
    }
  }
  for (const found of state.findings) {
    // By name, a member the shipped code defines is taken for its own.
    if (found.how === 'name' && state.ownNames.has(found.name)) continue;
    const lacking = oneEach(found.features.flatMap((f) => f.lacking));
    const labels = [...new Set(found.features.map((f) => f.label))];
    findings.push({
      file: found.file, line: found.line, column: found.column, guarded: found.guarded,
      feature: labels.length > 3 ? `${labels.slice(0, 3).join(', ')}… (member "${found.name}")` : labels.join(' or '),
      data: found.features.map((f) => f.key), lacking,
      by: found.how === 'name' ? 'web-api (by name)' : 'web-api',
    });
  }
  // es-x and the Web API rule may both see a built-in: one finding per place and feature.
  const unique = new Map();
  for (const finding of findings) {
    const key = `${finding.file}:${finding.line}:${finding.column}:${finding.data.join(',') || finding.feature}`;
    const before = unique.get(key);
    if (!before || (finding.guarded && !before.guarded)) unique.set(key, finding);
  }
  const all = [...unique.values()].map((f) => ({ ...f, file: relative(root, f.file).split(sep).join('/'), snippet: snippet(codeOf.get(f.file), f.line, f.column) }));
  all.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { problems: all.filter((f) => !f.guarded), guarded: all.filter((f) => f.guarded), files: [...codeOf.keys()].map((f) => relative(root, f).split(sep).join('/')) };
}

/** Checks one piece of code, as `file`. */
export const checkSource = (code, file = 'input.js') => checkSources([{ file, code }]);

function snippet(code, line, column) {
  const text = code?.split('\n')[line - 1] ?? '';
  const start = Math.max(0, column - 1 - 40);
  return `${start ? '…' : ''}${text.slice(start, column - 1 + 60).trim()}${column - 1 + 60 < text.length ? '…' : ''}`;
}

/** "Firefox 115 (added in 119), Safari 16.4 (added in 17)" */
export const describeLacking = (lacking) =>
  lacking.map((l) => `${l.browser} ${l.floor} (${l.removed ? `removed in ${l.removed}` : l.added ? `added in ${l.added}` : 'not at all'})`).join(', ');

/** One line per finding, as the run prints it. */
export const formatFinding = (f) =>
  `${f.file}:${f.line}:${f.column}  ${f.feature}: ${f.lacking.length ? `not in ${describeLacking(f.lacking)}` : f.note ?? 'newer than the floor'}  [${f.by}${f.data.length ? `; ${f.data.join(', ')}` : ''}]\n    ${f.snippet}`;

// --- What ships to browsers -----------------------------------------------------------------------

/**
 * The CDN build, and the npm modules a browser may load: all of dist/ but the server kit and the
 * command line, which are Node's (a browser module importing one of them brings it in). The verifier
 * stays in: README promises it in browsers (WebCrypto only, no DOM).
 */
export function browserFiles(dist = join(root, 'dist')) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) files.push(path);
    }
  };
  walk(dist);
  const nodeOnly = ['server', 'cli'].map((name) => join(dist, name) + sep);
  return files.filter((file) => !nodeOnly.some((dir) => file.startsWith(dir)));
}

// --- The command ----------------------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const floorText = Object.entries(floor).map(([b, v]) => `${browserName(b)} ${v}`).join(', ');
  if (process.argv.includes('--rules')) {
    console.log(`es-x rules against the floor (${floorText}), @mdn/browser-compat-data ${bcd.__meta.version}:`);
    for (const rule of esRules.filter((r) => r.edition >= 2022)) {
      const data = rule.features.map((f) => f.key.replace(/^javascript\./, '')).join(', ') || `(${rule.category}) ${rule.on ? rule.note : 'no compat data'}`;
      console.log(`${rule.on ? 'on ' : 'off'} es-x/${rule.name}  ${data}${rule.lacking.length ? `  (${describeLacking(rule.lacking)})` : ''}`);
    }
    process.exit(0);
  }
  let files;
  try {
    files = browserFiles();
  } catch {
    console.error('No dist/: run `npm run build` first.');
    process.exit(1);
  }
  if (!files.some((f) => f.includes(`${sep}cdn${sep}`))) {
    console.error('No dist/cdn/: run `npm run build` first.');
    process.exit(1);
  }
  const { problems, guarded, files: checked } = await checkSources(files.map((file) => ({ file, code: readFileSync(file, 'utf8') })), { followImports: true });
  const on = esRules.filter((r) => r.on).length;
  console.log(`Browser floor: ${floorText} (package.json browserslist; @mdn/browser-compat-data ${bcd.__meta.version}).`);
  console.log(`Checked ${checked.length} files (${checked.filter((f) => f.startsWith('dist/cdn/')).length} in dist/cdn/) with ${on} es-x rules and the Web API data.`);
  // Fallbacks are allowed: one line each, or in full with --verbose.
  const fallbacks = new Map(guarded.map((f) => [f.feature, guarded.filter((g) => g.feature === f.feature)]));
  for (const [feature, uses] of fallbacks) {
    if (process.argv.includes('--verbose')) for (const f of uses) console.log(`fallback: ${formatFinding(f)}`);
    else console.log(`fallback: ${feature} (not in ${describeLacking(uses[0].lacking)}), tested before use: ${uses.map((f) => `${f.file}:${f.line}`).filter((at, i, all) => all.indexOf(at) === i).join(', ')}`);
  }
  for (const f of problems) console.error(`✘ ${formatFinding(f)}`);
  if (problems.length) {
    console.error(`${problems.length} use${problems.length === 1 ? '' : 's'} of what a floor browser lacks: use an older API, or test for the feature and fall back.`);
    process.exit(1);
  }
  console.log('Nothing newer than the floor.');
}
