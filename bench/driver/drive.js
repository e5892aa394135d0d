'use strict';
// Load driver for any bot that speaks the Bot Framework protocol and honours deliveryMode "expectReplies" (the
// replies come back in the HTTP response, so no channel has to be listening). Each virtual defender holds one
// conversation and answers whatever the bot last asked: a suggested action when one is offered, else the first
// choice set of an Adaptive Card (submitted with the card's Action.Submit data), else a line of free text.
// Which option it takes rotates with the defender and the turn, so conversations take different paths.
//
// usage: node drive.js URL [conversations=200] [concurrency=32] [turns=14]
// prints one JSON line: conversations, concurrency, turns, errors, seconds, turnsPerSec, p50, p95, p99 (ms)

const http = require('node:http');
const { performance } = require('node:perf_hooks');

const [target, ...counts] = process.argv.slice(2);
if (!target) {
  console.error('usage: node drive.js URL [conversations] [concurrency] [turns]');
  process.exit(2);
}
const [conversations = 200, concurrency = 32, turnsPerConversation = 14] = counts.map((n) => Number.parseInt(n, 10));
const url = new URL(target);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

// Free text for questions without options: a country, a description, and the two answers to a yes/no.
const FREE_TEXT = ['Colombia', 'They follow me after meetings and sent threats to my phone', 'No', 'yes'];

function send(activity) {
  const body = JSON.stringify(activity);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const milliseconds = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode >= 300) return reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`));
        try {
          resolve({ milliseconds, replies: text ? (JSON.parse(text).activities ?? []) : [] });
        } catch {
          reject(new Error(`not JSON: ${text.slice(0, 200)}`));
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function findChoiceSet(elements) {
  for (const element of elements ?? []) {
    if (element.type === 'Input.ChoiceSet' && element.choices?.length) return element;
    const inner = findChoiceSet(element.items) ?? findChoiceSet(element.columns) ?? findChoiceSet(element.body);
    if (inner) return inner;
  }
  return undefined;
}

// The answer to the latest reply that asks something; `pick` chooses among the options offered.
function answer(replies, pick) {
  for (const reply of [...replies].reverse()) {
    const actions = reply.suggestedActions?.actions ?? [];
    if (actions.length) {
      const action = actions[pick % actions.length];
      return { text: String(action.value ?? action.title) };
    }
    for (const attachment of reply.attachments ?? []) {
      const card = attachment.content ?? {};
      const choiceSet = findChoiceSet(card.body);
      if (choiceSet) {
        const submit = (card.actions ?? []).find((a) => a.type === 'Action.Submit');
        return { value: { ...(submit?.data ?? {}), [choiceSet.id]: choiceSet.choices[pick % choiceSet.choices.length].value } };
      }
    }
  }
  return { text: FREE_TEXT[pick % FREE_TEXT.length] };
}

const latencies = [];
let errors = 0;
let activityNumber = 0;

async function converse(defender) {
  const conversation = { id: `bench-${process.pid}-${defender}` };
  const from = { id: `defender-${defender}`, name: 'Defender' };
  let next = { text: 'hola' };
  for (let turn = 0; turn < turnsPerConversation; turn++) {
    const activity = {
      type: 'message', id: `a${++activityNumber}`, timestamp: new Date().toISOString(), locale: 'es-CO',
      channelId: 'bench', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
      conversation, from, recipient: { id: 'bot' }, ...next,
    };
    try {
      const { milliseconds, replies } = await send(activity);
      latencies.push(milliseconds);
      next = answer(replies, defender + turn);
    } catch (error) {
      // A failed turn ends this defender's conversation; the first few failures are shown, all are counted.
      if (++errors <= 3) console.error(String(error));
      return;
    }
  }
}

async function main() {
  const started = performance.now();
  let nextDefender = 0;
  const worker = async () => {
    while (nextDefender < conversations) await converse(nextDefender++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (q) => (latencies.length ? +latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2) : null);
  console.log(JSON.stringify({
    conversations, concurrency, turns: latencies.length, errors, seconds: +seconds.toFixed(2),
    turnsPerSec: +(latencies.length / seconds).toFixed(1), p50: percentile(0.5), p95: percentile(0.95), p99: percentile(0.99),
  }));
  agent.destroy();
}

main();
