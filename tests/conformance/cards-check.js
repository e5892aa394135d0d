'use strict';
// Judges ProtectionBot's Adaptive Cards with Microsoft's own packages rather than with our reading of the spec:
//   (a) adaptivecards-templating expands each template with the same data, and the result must equal, structurally,
//       the card our C# binder produced (so the templates mean the same thing in the designer and in the bot);
//   (b) the adaptivecards renderer parses our bound card as Adaptive Cards 1.5, must report no parse or validation
//       event, and must render it (under jsdom) to an element that shows every TextBlock text and action title.
//
//   node cards-check.js <casesFolder>
//
// A case is three files in the folder: <case>.template.json, <case>.data.json and <case>.bound.json (ours).
// Prints one JSON report on stdout. Exit 0 when every case passed, 1 when a case failed, 2 when the harness itself
// could not run (bad arguments, unreadable files).

const fs = require('node:fs');
const path = require('node:path');

function fail(message) {
  process.stderr.write(`cards-check: ${message}\n`);
  process.exit(2);
}

// A node_modules installed before these packages were added to package-lock.json lacks them: say how to fix it.
function load(id) {
  try {
    return require(id);
  } catch (err) {
    if (err.code === 'MODULE_NOT_FOUND') fail(`cannot load ${id} (${err.message.split('\n')[0]}); run "npm ci --ignore-scripts" in ${__dirname}`);
    throw err;
  }
}

const { JSDOM } = load('jsdom');

const [casesFolder] = process.argv.slice(2);
if (!casesFolder) fail('usage: node cards-check.js <casesFolder>');

// ---- A DOM for the renderer ------------------------------------------------------------------------------------

// The renderer expects a browser: it reads window, document and the DOM classes (HTMLElement, HTMLButtonElement,
// ...) as globals. The DOM classes node lacks come from the jsdom window, and so do these few names, always.
const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
const windowNames = ['window', 'document', 'navigator', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame'];
const domClasses = Object.getOwnPropertyNames(dom.window).filter((name) => /^[A-Z]/.test(name) && !(name in globalThis));
for (const name of [...windowNames, ...domClasses]) {
  const value = name === 'window' ? dom.window : dom.window[name];
  // Functions such as getComputedStyle must run with the window as `this`; classes must stay as they are.
  const bound = typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(dom.window) : value;
  Object.defineProperty(globalThis, name, { value: bound, configurable: true, writable: true });
}
// jsdom implements no layout, hence no innerText; the renderer writes plain text through it. Without this the text
// would land in an expando property and every TextBlock would look empty.
if (!('innerText' in dom.window.HTMLElement.prototype)) {
  Object.defineProperty(dom.window.HTMLElement.prototype, 'innerText', {
    get() { return this.textContent; },
    set(value) { this.textContent = value; },
    configurable: true,
  });
}

// The package's lib/ folder is ES modules with extension-less imports that node cannot resolve; dist/ is the
// package's own single-file build of the same sources.
const AC = load('adaptivecards/dist/adaptivecards.js');
const { Template } = load('adaptivecards-templating');
const adaptiveCardsVersion = require('adaptivecards/package.json').version;
const templatingVersion = require('adaptivecards-templating/package.json').version;

// Render TextBlocks as plain text, like a host without a markdown processor, and without the renderer's console
// warning about it: the check is about structure and texts, not about markdown.
AC.AdaptiveCard.onProcessMarkdown = (_text, result) => { result.didProcess = false; };

// ---- Helpers ---------------------------------------------------------------------------------------------------

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${file}: ${err.message}`);
  }
}

const roundTrip = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The first place where two JSON values differ, as { path, expected, actual }, or null when they are equal. */
function firstDifference(expected, actual, at = '$') {
  if (kind(expected) !== kind(actual)) return { path: at, expected, actual };
  if (Array.isArray(expected)) {
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      const difference = firstDifference(expected[i], actual[i], `${at}[${i}]`);
      if (difference) return difference;
    }
    if (expected.length !== actual.length) {
      const i = Math.min(expected.length, actual.length);
      return { path: `${at}[${i}]`, expected: expected[i], actual: actual[i], note: `array length ${expected.length} vs ${actual.length}` };
    }
    return null;
  }
  if (kind(expected) === 'object') {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const child = `${at}.${key}`;
      if (!(key in actual)) return { path: child, expected: expected[key], note: 'missing from ours' };
      if (!(key in expected)) return { path: child, actual: actual[key], note: 'only in ours' };
      const difference = firstDifference(expected[key], actual[key], child);
      if (difference) return difference;
    }
    return null;
  }
  return expected === actual ? null : { path: at, expected, actual };
}

/** Strings still holding a binding: a binder that left "${...}" in place did not resolve it. */
function unboundStrings(node, at = '$', found = []) {
  if (typeof node === 'string' && node.includes('${')) found.push({ path: at, value: node });
  else if (Array.isArray(node)) node.forEach((item, i) => unboundStrings(item, `${at}[${i}]`, found));
  else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) unboundStrings(value, `${at}.${key}`, found);
  return found;
}

/** TextBlock texts and action titles in document order: what a person should see on the rendered card. */
function visibleTexts(node, texts = { textBlocks: [], actions: [] }) {
  if (Array.isArray(node)) {
    node.forEach((item) => visibleTexts(item, texts));
  } else if (node && typeof node === 'object') {
    // A TextBlock without text is dropped by the renderer: expect it anyway, so that the check says so.
    if (node.type === 'TextBlock') texts.textBlocks.push(node.text);
    // The renderer draws each fact as two TextBlocks, title then value.
    if (node.type === 'FactSet' && Array.isArray(node.facts)) for (const fact of node.facts) texts.textBlocks.push(fact?.title, fact?.value);
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) texts.actions.push(node.title);
    // A ShowCard's card and a selectAction are not shown until the person acts; nothing here uses them.
    for (const [key, value] of Object.entries(node)) if (key !== 'card' && key !== 'selectAction') visibleTexts(value, texts);
  }
  return texts;
}

const normalise = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();

/** The expected texts that do not appear, in order, among the rendered ones (so one gap is reported once). */
function notRendered(expected, rendered) {
  const missing = [];
  let next = 0;
  for (const text of expected.map(normalise)) {
    const found = rendered.indexOf(text, next);
    if (found < 0) missing.push(text);
    else next = found + 1;
  }
  return missing;
}

/** The element an event is about: its type, and its id or the start of its text so that it can be found. */
function describeSource(source) {
  const type = source.getJsonTypeName?.() ?? '?';
  if (source.id) return `${type}#${source.id}`;
  const text = typeof source.text === 'string' ? source.text : typeof source.title === 'string' ? source.title : '';
  return text ? `${type} ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}` : type;
}

function describeEvent(event, phaseName) {
  const source = event.source;
  return {
    phase: phaseName ?? AC.ValidationPhase[event.phase],
    event: AC.ValidationEvent[event.event] ?? String(event.event),
    message: event.message,
    source: source ? describeSource(source) : undefined,
  };
}

// ---- The checks ------------------------------------------------------------------------------------------------

function checkTemplating(template, data, bound) {
  let expanded;
  try {
    expanded = roundTrip(new Template(template).expand({ $root: data }));
  } catch (err) {
    return { equal: false, error: `adaptivecards-templating threw: ${err.message}` };
  }
  const difference = firstDifference(expanded, roundTrip(bound));
  return { equal: difference === null, firstDifference: difference ?? undefined, unresolved: unboundStrings(expanded) };
}

function checkRenderer(bound) {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const events = [];
  const consoleOutput = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  // The renderer reports some problems on the console only; keep them in the report instead of on stdout.
  for (const level of Object.keys(saved)) console[level] = (...args) => consoleOutput.push(`${level}: ${args.map(String).join(' ')}`);
  let element;
  try {
    card.parse(roundTrip(bound), context);
    for (let i = 0; i < context.eventCount; i++) events.push(describeEvent(context.getEventAt(i)));
    for (const event of card.validateProperties().validationEvents) events.push(describeEvent(event, 'Validation'));
    element = card.render();
  } catch (err) {
    return { events, console: consoleOutput, rendered: false, error: `adaptivecards threw: ${err.stack ?? err.message}` };
  } finally {
    Object.assign(console, saved);
  }

  const expected = visibleTexts(bound);
  const result = { events, console: consoleOutput, rendered: element instanceof dom.window.HTMLElement };
  if (!result.rendered) return result;
  document.body.appendChild(element);
  try {
    const textBlocks = [...element.querySelectorAll('.ac-textBlock')].map((e) => normalise(e.textContent));
    const actions = [...element.querySelectorAll('.ac-pushButton')].map((e) => normalise(e.textContent));
    result.textBlocks = textBlocks;
    result.actions = actions;
    result.missingTexts = notRendered(expected.textBlocks, textBlocks);
    result.missingActions = notRendered(expected.actions, actions);
    if (textBlocks.length !== expected.textBlocks.length)
      result.countMismatch = `${textBlocks.length} TextBlocks rendered, ${expected.textBlocks.length} in the card`;
    if (actions.length !== expected.actions.length)
      result.actionCountMismatch = `${actions.length} buttons rendered, ${expected.actions.length} actions in the card`;
  } finally {
    element.remove();
  }
  return result;
}

function checkCase(name) {
  const template = readJson(path.join(casesFolder, `${name}.template.json`));
  const data = readJson(path.join(casesFolder, `${name}.data.json`));
  const bound = readJson(path.join(casesFolder, `${name}.bound.json`));

  const templating = checkTemplating(template, data, bound);
  const renderer = checkRenderer(bound);
  const problems = [];
  if (templating.error) problems.push(templating.error);
  else if (!templating.equal) problems.push(`ours differs from adaptivecards-templating at ${templating.firstDifference.path}`);
  for (const unbound of unboundStrings(bound)) problems.push(`ours left a binding at ${unbound.path}: ${unbound.value}`);
  if (renderer.error) problems.push(renderer.error);
  for (const event of renderer.events) problems.push(`adaptivecards ${event.phase} ${event.event}: ${event.message}${event.source ? ` (${event.source})` : ''}`);
  if (!renderer.error && !renderer.rendered) problems.push('adaptivecards rendered nothing');
  for (const text of renderer.missingTexts ?? []) problems.push(text ? `TextBlock not rendered as written: ${JSON.stringify(text)}` : 'a TextBlock without text was not rendered');
  for (const title of renderer.missingActions ?? []) problems.push(title ? `action not rendered as written: ${JSON.stringify(title)}` : 'an action without a title was not rendered as a titled button');
  if (renderer.countMismatch) problems.push(renderer.countMismatch);
  if (renderer.actionCountMismatch) problems.push(renderer.actionCountMismatch);
  return { name, ok: problems.length === 0, problems, templating, renderer };
}

let names;
try {
  names = fs.readdirSync(casesFolder).filter((f) => f.endsWith('.template.json')).map((f) => f.slice(0, -'.template.json'.length)).sort();
} catch (err) {
  fail(`cannot list ${casesFolder}: ${err.message}`);
}
if (names.length === 0) fail(`no <case>.template.json in ${casesFolder}`);

const cases = names.map(checkCase);
const report = {
  ok: cases.every((c) => c.ok),
  adaptivecards: adaptiveCardsVersion,
  adaptivecardsTemplating: templatingVersion,
  targetVersion: AC.Versions.v1_5.toString(),
  cases,
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n', () => process.exit(report.ok ? 0 : 1));
