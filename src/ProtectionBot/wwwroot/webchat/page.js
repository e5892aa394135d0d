// The chat page: asks for this visitor's token at once, while Web Chat's bundle is still downloading; starts Web Chat
// on the configured Direct Line when the bundle has arrived; hides the light first view once the bot has spoken in
// Web Chat; says when a message could not be sent; and wires the quick-exit button from the first moment. Settings
// come from the JSON in the page (see WebChatPage.cs).
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('webchat-config').textContent);
  var chat = document.getElementById('webchat');
  var status = document.getElementById('status');
  var firstView = document.getElementById('first-view');
  var connection = document.getElementById('connection');
  var session = null;
  var token = fetch(config.tokenUrl, { method: 'POST', credentials: 'omit' }).then(function (response) {
    if (!response.ok) throw new Error('token ' + response.status);
    return response.json();
  });
  // Settled here so that a refused token is not reported as unhandled before the bundle has arrived.
  token.catch(function () { });

  // Quick exit: ask the bot to erase the conversation (the same word a person can type), hide everything at once,
  // and put a neutral page in place of this one, so that Back does not come back here. keepalive lets the request
  // finish after the page is gone.
  function quickExit() {
    document.body.style.visibility = 'hidden';
    try {
      if (session) {
        fetch(session.domain + '/conversations/' + encodeURIComponent(session.conversationId) + '/activities', {
          method: 'POST',
          keepalive: true,
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          headers: { 'Authorization': 'Bearer ' + (session.directLine.token || session.token), 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'message', from: { id: session.userId, role: 'user' }, locale: config.locale, text: config.exitWord })
        }).catch(function () { });
      }
    } finally {
      window.location.replace(config.quickExitUrl);
    }
  }

  document.getElementById('quick-exit').addEventListener('click', quickExit);

  function unavailable() {
    firstView.hidden = false;
    status.hidden = false;
    status.textContent = config.unavailable;
  }

  // A message not echoed back within Web Chat's send timeout (20 s) is "impeded", yet Web Chat keeps showing it as
  // "Sending" for five minutes more before it offers "Send failed. Retry". The page marks it failed at once, so
  // that Web Chat's own Retry appears, and says why in words, where a screen reader announces it, until a message
  // goes through again.
  function say(text) {
    connection.textContent = text;
    connection.hidden = !text;
  }

  var watchSends = function (store) {
    return function (next) {
      return function (action) {
        var result = next(action);
        if (action.type === 'DIRECT_LINE/POST_ACTIVITY_IMPEDED') {
          store.dispatch({ type: 'DIRECT_LINE/POST_ACTIVITY_REJECTED', error: true, meta: action.meta, payload: new Error('impeded') });
        } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED') {
          say(config.sendFailed);
        } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY_FULFILLED' && !connection.hidden) {
          say('');
        }
        return result;
      };
    };
  };

  window.addEventListener('online', function () {
    if (!connection.hidden) say(config.backOnline);
  });

  function start() {
    if (!window.WebChat) {
      unavailable();
      return;
    }
    token
      .then(function (answer) {
        var domain = config.directLineDomain || (window.location.origin + '/v3/directline');
        var userId = answer.userId || ('dl_' + Math.random().toString(36).slice(2));
        var directLine = window.WebChat.createDirectLine({
          token: answer.token,
          domain: domain,
          conversationStartProperties: { locale: config.locale }
        });
        session = { token: answer.token, conversationId: answer.conversationId, userId: userId, domain: domain, directLine: directLine };
        directLine.activity$.subscribe(function (activity) {
          if (!session.conversationId && activity.conversation) session.conversationId = activity.conversation.id;
          if (activity.type === 'message' && activity.from && activity.from.id !== userId) firstView.hidden = true;
        });
        window.WebChat.renderWebChat({
          directLine: directLine,
          store: window.WebChat.createStore({}, watchSends),
          userID: userId,
          locale: config.locale,
          styleOptions: {
            hideUploadButton: true,
            suggestedActionLayout: 'flow',
            suggestedActionHeight: 44,
            sendBoxHeight: 48,
            bubbleBorderRadius: 8,
            bubbleFromUserBorderRadius: 8,
            // Many replies at once (the results): stop where the first of them starts, not at the end of the last.
            autoScrollSnapOnPage: true
          }
        }, chat);
      })
      .catch(unavailable);
  }

  // Deferred scripts run in order once the page is parsed; DOMContentLoaded comes after the bundle's, loaded or not.
  document.addEventListener('DOMContentLoaded', start);
})();
