// The chat page: gets a token for this visitor, starts Web Chat on the configured Direct Line, and wires the
// quick-exit button. Settings come from the JSON in the page (see WebChatPage.cs).
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('webchat-config').textContent);
  var chat = document.getElementById('webchat');
  var status = document.getElementById('status');
  var session = null;

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
    status.hidden = false;
    status.textContent = config.unavailable;
  }

  function start() {
    if (!window.WebChat) {
      unavailable();
      return;
    }
    fetch(config.tokenUrl, { method: 'POST', credentials: 'omit' })
      .then(function (response) {
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      })
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
        });
        status.hidden = true;
        window.WebChat.renderWebChat({
          directLine: directLine,
          userID: userId,
          locale: config.locale,
          styleOptions: {
            hideUploadButton: true,
            suggestedActionLayout: 'flow',
            bubbleBorderRadius: 8,
            bubbleFromUserBorderRadius: 8
          }
        }, chat);
      })
      .catch(unavailable);
  }

  start();
})();
