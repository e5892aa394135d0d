'use strict';
// Microsoft's botframework-directlinejs (the client inside Web Chat) talks to a bot's local Direct Line over real
// HTTP and WebSocket: it gets a token from the page's token endpoint, starts the conversation, waits for the bot's
// greeting, posts an answer and waits for its echo and the bot's reply. Once over the WebSocket stream, once by
// polling. Node has neither XMLHttpRequest nor WebSocket, so jsdom's (same origin as the bot) stand in for the browser.
//
//   node directline-check.js http://127.0.0.1:3978
//
// Prints a JSON report; exit 0 when it could run (whatever the bot did), 2 when it could not.

const { JSDOM } = require('jsdom');

const origin = process.argv[2];
if (!origin) {
  console.error('usage: node directline-check.js <bot origin>');
  process.exit(2);
}
const window = new JSDOM('', { url: origin + '/' }).window;
global.XMLHttpRequest = window.XMLHttpRequest;
global.WebSocket = window.WebSocket;
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');
const directLineVersion = require('botframework-directlinejs/package.json').version;

const timeoutMs = 15000;

function waitFor(activities, predicate, what) {
  return new Promise((resolve, reject) => {
    const found = activities.list.find(predicate);
    if (found) return resolve(found);
    const timer = setTimeout(() => reject(new Error('timed out waiting for ' + what)), timeoutMs);
    activities.waiters.push(activity => {
      if (!predicate(activity)) return false;
      clearTimeout(timer);
      resolve(activity);
      return true;
    });
  });
}

async function run(mode) {
  const report = { mode, statuses: [], problems: [] };
  const answer = await fetch(origin + '/webchat/token', { method: 'POST' });
  if (!answer.ok) throw new Error('token endpoint answered ' + answer.status);
  const { token, userId } = await answer.json();

  const directLine = new DirectLine({ token, domain: origin + '/v3/directline', webSocket: mode === 'websocket', pollingInterval: 200 });
  const activities = { list: [], waiters: [] };
  // end() makes the stream fail with "conversation ended"; that is the end of the check, not a problem.
  const ended = error => { if (!String(error && error.message).includes('conversation ended')) report.problems.push(String(error)); };
  directLine.connectionStatus$.subscribe(status => report.statuses.push(ConnectionStatus[status]), ended);
  directLine.activity$.subscribe(activity => {
    activities.list.push(activity);
    activities.waiters = activities.waiters.filter(waiter => !waiter(activity));
  }, ended);
  try {
    const greeting = await waitFor(activities, a => a.from && a.from.role === 'bot' && a.suggestedActions, 'the greeting');
    report.greeting = greeting.text;
    report.conversationId = directLine.conversationId;
    report.postedId = await new Promise((resolve, reject) => directLine
      .postActivity({ type: 'message', from: { id: userId, role: 'user' }, text: 'es', channelData: { clientActivityID: 'check-' + mode } })
      .subscribe(resolve, reject));
    const echo = await waitFor(activities, a => a.id === report.postedId, 'the echo of the posted activity');
    report.echoClientActivityId = echo.channelData && echo.channelData.clientActivityID;
    report.echoRole = echo.from && echo.from.role;
    const reply = await waitFor(activities, a => a.replyToId === report.postedId, "the bot's reply");
    report.replyText = reply.text;
    report.ids = activities.list.map(a => a.id);
    report.duplicates = report.ids.filter((id, i) => report.ids.indexOf(id) !== i);
  } catch (error) {
    report.problems.push(String(error && error.message || error));
  } finally {
    directLine.end();
  }
  return report;
}

(async () => {
  const watchdog = setTimeout(() => { console.error('watchdog: no result within 60 s'); process.exit(2); }, 60000);
  try {
    const results = [await run('websocket'), await run('polling')];
    console.log(JSON.stringify({ directLineJs: directLineVersion, results }, null, 2));
    clearTimeout(watchdog);
    window.close();
    process.exit(0);
  } catch (error) {
    console.error(error && error.stack || error);
    process.exit(2);
  }
})();
