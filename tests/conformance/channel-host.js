'use strict';
// Plays the channel (or skill host) against a bot, using Microsoft's botbuilder 4.23.3 on both sides of the wire:
// its skill client posts the activities, and its own Connector routes + channel service handler receive the replies.
// If the bot's traffic is accepted here, it is accepted by Microsoft's code, not by our reading of the spec.
//
//   node channel-host.js <botMessagesUrl> <scenarioFile.json>
//
// Prints one JSON document on stdout. Exit 0 whenever a report was produced (the bot may still have misbehaved:
// read `ok` and `problems`); non-zero only when the harness itself could not run.

const http = require('node:http');
const fs = require('node:fs');
const crypto = require('node:crypto');
const { AsyncLocalStorage } = require('node:async_hooks');
const { ChannelServiceRoutes, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
// 4.23.3 does not re-export these two from its index; the files are the package's own.
const { CloudChannelServiceHandler } = require('botbuilder/lib/cloudChannelServiceHandler');
// What the Connector routes run on every posted body, reused on expectReplies bodies so both paths are judged alike.
const { validateAndFixActivity } = require('botbuilder/lib/activityValidator');
const schema = require('botframework-schema');

const DEFAULT_TIMEOUT_MS = 10_000;
// Replies may legitimately arrive after the bot's HTTP answer (ack first, send later); this is how long the
// Connector must stay quiet before a step is considered finished.
const DEFAULT_SETTLE_MS = 400;

function fail(message) {
  process.stderr.write(`channel-host: ${message}\n`);
  process.exit(2);
}

const [botUrl, scenarioPath] = process.argv.slice(2);
if (!botUrl || !scenarioPath) fail('usage: node channel-host.js <botMessagesUrl> <scenarioFile.json>');
let scenario;
try {
  scenario = JSON.parse(fs.readFileSync(scenarioPath, 'utf8'));
} catch (err) {
  fail(`cannot read scenario ${scenarioPath}: ${err.message}`);
}
if (!Array.isArray(scenario.steps) || scenario.steps.length === 0) fail('scenario has no steps');

const timeoutMs = scenario.timeoutMs ?? DEFAULT_TIMEOUT_MS;
const settleMs = scenario.settleMs ?? DEFAULT_SETTLE_MS;
// A fresh token per run keeps a bot with durable storage from treating a second run as redelivery.
const conversationId = (scenario.conversationId ?? 'conformance-{run}').replaceAll('{run}', crypto.randomBytes(4).toString('hex'));
const defaults = scenario.defaults ?? {};
const botAccount = defaults.recipient ?? { id: 'bot' };
const userAccount = defaults.from ?? { id: 'user' };

// Empty configuration = no MicrosoftAppId = authentication disabled, like the Emulator without credentials.
const auth = new ConfigurationBotFrameworkAuthentication(scenario.auth ?? {});
const client = auth.createBotFrameworkClient();

// ---- The channel's Connector service -------------------------------------------------------------------------

const requestContext = new AsyncLocalStorage();
let activeStep = null; // Connector traffic is attributed to the step whose window is open
const unattributed = [];
let lastArrival = 0;
let nextResourceId = 1;

// botbuilder's handler does the authentication (anonymous here) and the activity parsing; we only say "accepted".
class RecordingHandler extends CloudChannelServiceHandler {
  accept(claims, operation) {
    const call = requestContext.getStore();
    if (call) {
      call.operation = operation;
      call.callerAuthenticated = claims.isAuthenticated;
    }
    return { id: `r-${nextResourceId++}` };
  }
  async onSendToConversation(claims) { return this.accept(claims, 'sendToConversation'); }
  async onReplyToActivity(claims) { return this.accept(claims, 'replyToActivity'); }
  async onUpdateActivity(claims) { return this.accept(claims, 'updateActivity'); }
  async onDeleteActivity(claims) { this.accept(claims, 'deleteActivity'); }
}

// ChannelServiceRoutes registers express-style routes on whatever "WebServer" it is given; node's http is enough.
// Parameters are decoded from the raw path segments, as express does, so encoding mistakes show up as mismatches.
const routes = [];
const server = {
  get: (path, handler) => routes.push({ method: 'GET', path, handler }),
  post: (path, handler) => routes.push({ method: 'POST', path, handler }),
  put: (path, handler) => routes.push({ method: 'PUT', path, handler }),
  delete: (path, handler) => routes.push({ method: 'DELETE', path, handler }),
};
new ChannelServiceRoutes(new RecordingHandler(auth)).register(server);

function match(template, rawSegments) {
  const parts = template.split('/').slice(1);
  if (parts.length !== rawSegments.length) return null;
  const params = {};
  const raw = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(':')) {
      let decoded;
      try { decoded = decodeURIComponent(rawSegments[i]); } catch { return null; }
      params[parts[i].slice(1)] = decoded;
      raw[parts[i].slice(1)] = rawSegments[i];
    } else if (parts[i] !== rawSegments[i]) {
      return null;
    }
  }
  return { params, raw };
}

const connector = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const [rawPath, query = ''] = req.url.split('?');
    const call = {
      method: req.method,
      path: rawPath,
      authorization: req.headers.authorization ? req.headers.authorization.split(' ')[0] : null,
      status: null,
      operation: null,
    };
    try { call.body = text ? JSON.parse(text) : undefined; } catch { call.body = text; }
    lastArrival = Date.now();
    (activeStep ? activeStep.calls : unattributed).push(call);

    const segments = rawPath.split('/').slice(1);
    let found = null;
    for (const route of routes) {
      if (route.method !== req.method) continue;
      found = match(route.path, segments);
      if (found) { found.route = route; break; }
    }
    if (!found) { call.status = 404; res.statusCode = 404; return res.end(); }
    call.params = found.params;
    call.rawParams = found.raw;

    // The routes read the body themselves (so botbuilder does the JSON parsing and activity validation):
    // hand them a request that replays what we already read.
    const request = {
      headers: req.headers,
      method: req.method,
      params: found.params,
      query: Object.fromEntries(new URLSearchParams(query)),
      on(event, cb) {
        if (event === 'data' && text) setImmediate(() => cb(text));
        if (event === 'end') setImmediate(() => setImmediate(cb));
        return request;
      },
    };
    let payload;
    const response = {
      status(code) { call.status = code; return response; },
      send(body) { payload = body; return response; },
      end() {
        res.statusCode = call.status ?? 200;
        if (payload !== undefined) {
          const json = typeof payload !== 'string';
          res.setHeader('content-type', json ? 'application/json' : 'text/plain');
          res.write(json ? JSON.stringify(payload) : payload);
          call.response = payload;
        }
        res.end();
        lastArrival = Date.now();
        return response;
      },
    };
    requestContext.run(call, () => found.route.handler(request, response, () => {}));
  });
});

// ---- Checks ---------------------------------------------------------------------------------------------------

// A segment is well encoded when it decodes to the id and every character outside RFC 3986's unreserved set
// (plus the few encodeURIComponent leaves alone, as botframework-connector's own client does) is escaped.
const WELL_ENCODED = /^(?:[A-Za-z0-9\-._~!*'()]|%[0-9A-Fa-f]{2})*$/;

function checkActivity(activity, sent, where, problems) {
  try {
    validateAndFixActivity(structuredClone(activity));
  } catch (err) {
    problems.push(`${where}: not an activity for botbuilder (${err.message})`);
    return;
  }
  if (activity.type === 'invokeResponse' || activity.type === 'delay') problems.push(`${where}: SDK-internal type "${activity.type}" on the wire`);
  if (activity.conversation?.id !== conversationId) problems.push(`${where}: conversation.id is ${JSON.stringify(activity.conversation?.id)}, expected ${JSON.stringify(conversationId)}`);
  if (activity.from && activity.from.id !== sent.recipient?.id) problems.push(`${where}: from.id is ${JSON.stringify(activity.from.id)}, expected the bot's id ${JSON.stringify(sent.recipient?.id)}`);
  if (activity.deliveryMode === 'expectReplies') problems.push(`${where}: a bot must not ask the channel for expectReplies`);
  for (const a of activity.attachments ?? []) if (!schema.isAttachment(a)) problems.push(`${where}: attachment fails botframework-schema (${JSON.stringify(a).slice(0, 80)})`);
  for (const e of activity.entities ?? []) if (!schema.isEntity(e)) problems.push(`${where}: entity fails botframework-schema`);
  for (const c of activity.suggestedActions?.actions ?? []) if (!schema.isCardAction(c)) problems.push(`${where}: suggested action fails botframework-schema (needs string type and title): ${JSON.stringify(c)}`);
}

function checkConnectorCall(call, sent, where, problems) {
  if (call.status == null || call.status < 200 || call.status > 299) {
    problems.push(`${where}: botbuilder's Connector answered ${call.status} to ${call.method} ${call.path}${call.response ? ` (${String(call.response).slice(0, 120)})` : ''}`);
  }
  if (!call.params) return;
  if (call.params.conversationId !== conversationId) problems.push(`${where}: path conversation id decodes to ${JSON.stringify(call.params.conversationId)}`);
  for (const [name, raw] of Object.entries(call.rawParams)) if (!WELL_ENCODED.test(raw)) problems.push(`${where}: path segment ${name} "${raw}" is not percent-encoded`);
  if (call.operation === 'replyToActivity') {
    if (call.params.activityId !== sent.id) problems.push(`${where}: replied to activity ${JSON.stringify(call.params.activityId)}, expected ${JSON.stringify(sent.id)}`);
    if (call.body?.replyToId !== sent.id) problems.push(`${where}: replyToId is ${JSON.stringify(call.body?.replyToId)}, expected ${JSON.stringify(sent.id)}`);
  }
}

// Redelivered turns are compared without what a channel assigns per message, and regardless of key order.
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  return value;
}
function comparable(replies) {
  return JSON.stringify(canonical(replies.map(({ id, timestamp, ...rest }) => rest)));
}

// ---- Running a scenario -------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isReplyCall = (c) => c.operation === 'replyToActivity' || c.operation === 'sendToConversation';

function buildActivity(step, index, byName) {
  if (step.resend) {
    const original = byName.get(step.resend);
    if (!original) fail(`step ${index + 1}: resend of unknown step "${step.resend}"`);
    return structuredClone(original.sent);
  }
  return {
    channelId: 'test',
    locale: defaults.locale,
    from: userAccount,
    recipient: botAccount,
    ...structuredClone(defaults.activity ?? {}),
    ...structuredClone(step.activity ?? {}),
    id: step.activity?.id ?? `f:${index + 1}`,
    timestamp: new Date().toISOString(),
    conversation: { ...(defaults.conversation ?? {}), ...(step.activity?.conversation ?? {}), id: conversationId },
  };
}

async function post(activity, serviceUrl) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no HTTP answer within ${timeoutMs} ms`)), timeoutMs); });
  try {
    // fromBotId/toBotId empty: anonymous, no token is requested or sent.
    return await Promise.race([client.postActivity('', '', botUrl, serviceUrl, conversationId, structuredClone(activity)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runStep(step, index, serviceUrl, byName) {
  const sent = buildActivity(step, index, byName);
  const expect = step.expect ?? {};
  const expectReplies = sent.deliveryMode === 'expectReplies';
  const result = { name: step.name ?? `step ${index + 1}`, sent, httpStatus: null, body: undefined, replies: [], via: expectReplies ? 'expectReplies' : 'connector', calls: [], problems: [] };
  const problems = result.problems;
  const started = Date.now();
  activeStep = result;

  try {
    const answer = await post(sent, serviceUrl);
    result.httpStatus = answer.status;
    result.body = answer.body === '' ? undefined : answer.body;
  } catch (err) {
    problems.push(`bot request failed: ${err.message}`);
  }

  // Wait for the replies the scenario expects, then for the Connector to go quiet.
  const want = expectReplies ? 0 : (expect.replies ?? expect.minReplies ?? 0);
  while (result.calls.filter(isReplyCall).length < want && Date.now() - started < timeoutMs) await sleep(20);
  lastArrival = Math.max(lastArrival, Date.now());
  while (Date.now() - lastArrival < settleMs && Date.now() - started < timeoutMs + settleMs) await sleep(20);
  activeStep = null;

  const where = (i) => `reply ${i + 1}`;
  if (expectReplies) {
    if (result.httpStatus === 200) {
      if (!result.body || typeof result.body !== 'object' || !Array.isArray(result.body.activities)) {
        problems.push(`expectReplies answer is not {activities:[...]}: ${JSON.stringify(result.body)?.slice(0, 120)}`);
      } else {
        result.replies = result.body.activities;
      }
    }
    // A3113: with expectReplies the replies travel in the HTTP answer only.
    if (result.calls.length > 0) problems.push(`expectReplies turn also called the Connector ${result.calls.length} time(s)`);
  } else {
    result.calls.forEach((c, i) => checkConnectorCall(c, sent, `call ${i + 1}`, problems));
    result.replies = result.calls.filter(isReplyCall).map((c) => c.body);
    for (const c of result.calls) if (isReplyCall(c)) delete c.body; // already in replies, in the same order
  }
  result.replies.forEach((a, i) => checkActivity(a, sent, where(i), problems));

  const expectedStatus = expect.status ?? (sent.type === 'invoke' ? undefined : 200);
  if (result.httpStatus != null) {
    if (expectedStatus !== undefined && result.httpStatus !== expectedStatus) problems.push(`HTTP ${result.httpStatus}, expected ${expectedStatus}`);
    else if (result.httpStatus >= 500 && result.httpStatus !== expectedStatus) problems.push(`HTTP ${result.httpStatus} from the bot`);
  }
  const n = result.replies.length;
  if (expect.replies !== undefined && n !== expect.replies) problems.push(`${n} replies, expected ${expect.replies}`);
  if (expect.minReplies !== undefined && n < expect.minReplies) problems.push(`${n} replies, expected at least ${expect.minReplies}`);
  if (expect.maxReplies !== undefined && n > expect.maxReplies) problems.push(`${n} replies, expected at most ${expect.maxReplies}`);
  if (expect.sameRepliesAs) {
    const earlier = byName.get(expect.sameRepliesAs);
    if (!earlier) fail(`step ${index + 1}: sameRepliesAs unknown step "${expect.sameRepliesAs}"`);
    if (comparable(earlier.replies) !== comparable(result.replies)) problems.push(`replies differ from step "${expect.sameRepliesAs}"`);
  }
  return result;
}

async function main() {
  await new Promise((resolve, reject) => connector.once('error', reject).listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${connector.address().port}/`;
  const watchdog = setTimeout(() => fail('watchdog: the run did not finish in time'), (timeoutMs + settleMs) * (scenario.steps.length + 1) * 2);

  const steps = [];
  const byName = new Map();
  for (const [index, step] of scenario.steps.entries()) {
    const result = await runStep(step, index, serviceUrl, byName);
    steps.push(result);
    if (step.name) byName.set(step.name, result);
  }
  await sleep(settleMs); // late Connector calls belong to no step, and are a finding of their own
  clearTimeout(watchdog);

  const problems = unattributed.map((c) => `Connector call outside any step: ${c.method} ${c.path}`);
  const report = {
    ok: problems.length === 0 && steps.every((s) => s.problems.length === 0),
    bot: botUrl,
    serviceUrl,
    conversationId,
    botbuilder: require('botbuilder/package.json').version,
    steps,
    unattributed,
    problems,
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n', () => process.exit(0));
}

main().catch((err) => fail(err.stack ?? String(err)));
