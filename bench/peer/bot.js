'use strict';
// The benchmark's reference bot: Microsoft's Bot Framework SDK for JavaScript running an interview of the same
// shape as ProtectionBot's (eight prompts: suggested-action choices, a yes/no, free text; the dialog state saved at
// the end of every turn; one Adaptive Card of recommendations at the end). It keeps state in memory, which is the
// SDK's fastest store, and runs anonymously (no app id), so the JWT check is skipped on both sides of the comparison.
// It answers deliveryMode "expectReplies" in the HTTP response, which is what the load driver sends.
//
// usage: PORT=3979 node bot.js   (listens on 127.0.0.1, POST /api/messages only)

const http = require('node:http');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, CardFactory, MessageFactory } = require('botbuilder');
const { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, ChoicePrompt, ConfirmPrompt, TextPrompt, ListStyle } = require('botbuilder-dialogs');

// The interview, in the order the person lives it. Each entry is one prompt; `choices` makes it a choice prompt.
const QUESTIONS = [
  { key: 'language', text: 'Which language do you prefer?', choices: ['Español', 'Français', 'English'] },
  { key: 'danger', text: 'Are you in danger right now?', confirm: true },
  { key: 'country', text: 'In which country are you?' },
  { key: 'risk', text: 'What is happening to you?', choices: ['Threats', 'Attack', 'Arrest', 'Legal case', 'Being watched'] },
  { key: 'work', text: 'What is your work as a defender?', choices: ['Land and environment', 'Women\'s rights', 'Indigenous peoples', 'Press', 'Something else'] },
  { key: 'urgency', text: 'How soon do you need help?', choices: ['Today', 'This week', 'This month'] },
  { key: 'reported', text: 'Have you told the authorities?', choices: ['No', 'Yes', 'There is a court case'] },
  { key: 'description', text: 'Anything else you want to say? (optional)' },
];

const MECHANISMS = ['UN Special Rapporteur on human rights defenders', 'Inter-American Commission precautionary measures', 'Emergency grant of a protection fund'];

class InterviewDialog extends ComponentDialog {
  constructor() {
    super('interview');
    const choice = new ChoicePrompt('choice');
    choice.style = ListStyle.suggestedAction;
    const confirm = new ConfirmPrompt('confirm');
    confirm.style = ListStyle.suggestedAction;
    this.addDialog(choice).addDialog(confirm).addDialog(new TextPrompt('text'));

    const steps = QUESTIONS.map((question, index) => async (step) => {
      if (index > 0) remember(step, QUESTIONS[index - 1]);
      if (question.choices) return step.prompt('choice', { prompt: question.text, choices: question.choices.map((value) => ({ value })) });
      return step.prompt(question.confirm ? 'confirm' : 'text', { prompt: question.text });
    });
    steps.push(async (step) => {
      remember(step, QUESTIONS[QUESTIONS.length - 1]);
      await step.context.sendActivity(MessageFactory.attachment(recommendations(step.values)));
      return step.endDialog(step.values);
    });
    this.addDialog(new WaterfallDialog('steps', steps));
    this.initialDialogId = 'steps';
  }
}

function remember(step, question) {
  const result = step.result;
  step.values[question.key] = result && typeof result === 'object' && 'value' in result ? result.value : result;
}

function recommendations(answers) {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'What could protect you', weight: 'Bolder', size: 'Medium', wrap: true },
      ...MECHANISMS.map((name) => ({
        type: 'Container',
        items: [
          { type: 'TextBlock', text: name, weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: `For ${answers.risk} in ${answers.country}, needed ${answers.urgency}.`, wrap: true, isSubtle: true },
        ],
      })),
    ],
    actions: [{ type: 'Action.Submit', title: 'Talk to a person', data: { action: 'handoff' } }],
  });
}

// Composition: one adapter, one store, one dialog set, the state saved once at the end of each turn.
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(error);
  await context.sendActivity('Something went wrong.');
};
const conversationState = new ConversationState(new MemoryStorage());
const dialogs = new DialogSet(conversationState.createProperty('dialogs')).add(new InterviewDialog());

async function onTurn(context) {
  if (context.activity.type === 'message') {
    const dialogContext = await dialogs.createContext(context);
    const { status } = await dialogContext.continueDialog();
    if (status === DialogTurnStatus.empty) await dialogContext.beginDialog('interview');
  }
  await conversationState.saveChanges(context, false);
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

// Node's own HTTP server rather than restify or express: the adapter's processActivity takes the parsed activity
// and returns the expectReplies body, so no web framework sits between the driver and the SDK.
const server = http.createServer(async (request, response) => {
  if (request.method !== 'POST' || request.url !== '/api/messages') {
    response.writeHead(404).end();
    return;
  }
  try {
    const activity = JSON.parse(await readBody(request));
    const invokeResponse = await adapter.processActivity(request.headers.authorization ?? '', activity, onTurn);
    if (invokeResponse && invokeResponse.body !== undefined) {
      const body = JSON.stringify(invokeResponse.body);
      response.writeHead(invokeResponse.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    } else {
      response.writeHead(invokeResponse?.status ?? 200).end();
    }
  } catch (error) {
    console.error(error);
    response.writeHead(error instanceof SyntaxError ? 400 : 500).end();
  }
});

const port = Number(process.env.PORT ?? 3979);
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`peer listening on http://127.0.0.1:${port}/api/messages`));
