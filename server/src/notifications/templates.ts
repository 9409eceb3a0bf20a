import type { EmailLanguage, NotificationKind } from '@lagverk/shared';

// The emails' texts, one small template per kind in bokmål, nynorsk and English. They are
// server-side (the email is written when the event happens, in the person's chosen
// language), so they live here rather than in the client's i18n files.

interface Template {
  subject: (title: string) => string;
  lead: (title: string) => string;
  action: string;
}

type Texts = Record<NotificationKind, Template> & { greeting: (name: string) => string; footer: string; preferences: string };

const nb: Texts = {
  greeting: (name) => `Hei ${name},`,
  footer: 'Du får denne e-posten fra Lagverk fordi du har valgt varsel på e-post for denne typen hendelser.',
  preferences: 'Velg hvilke varsler du får',
  meetingInvitation: {
    subject: (t) => `Invitasjon til møte: ${t}`,
    lead: (t) => `Du er invitert til møtet «${t}».`,
    action: 'Se møtet',
  },
  surveyInvitation: {
    subject: (t) => `Ny kartlegging: ${t}`,
    lead: (t) => `Du er invitert til å svare på kartleggingen «${t}». Lenken under er personlig: ikke del den med andre.`,
    action: 'Svar på kartleggingen',
  },
  teamProposed: {
    subject: (t) => `Arbeidslag venter på godkjenning: ${t}`,
    lead: (t) => `Arbeidslaget «${t}» er foreslått og venter på din godkjenning.`,
    action: 'Se forslaget',
  },
  teamDecided: {
    subject: (t) => `Avgjørelse om arbeidslaget ${t}`,
    lead: (t) => `Det er tatt en avgjørelse om arbeidslaget «${t}».`,
    action: 'Se arbeidslaget',
  },
  evaluationDue: {
    subject: (t) => `Evaluering forfaller: ${t}`,
    lead: (t) => `Det er tid for å evaluere arbeidslaget «${t}».`,
    action: 'Se arbeidslaget',
  },
  changeQuestionAnswered: {
    subject: (t) => `Spørsmålet ditt er besvart: ${t}`,
    lead: (t) => `Spørsmålet du stilte i omstillingen «${t}», har fått svar.`,
    action: 'Se svaret',
  },
};

const nn: Texts = {
  greeting: (name) => `Hei ${name},`,
  footer: 'Du får denne e-posten frå Lagverk fordi du har valt varsel på e-post for denne typen hendingar.',
  preferences: 'Vel kva varsel du får',
  meetingInvitation: {
    subject: (t) => `Invitasjon til møte: ${t}`,
    lead: (t) => `Du er invitert til møtet «${t}».`,
    action: 'Sjå møtet',
  },
  surveyInvitation: {
    subject: (t) => `Ny kartlegging: ${t}`,
    lead: (t) => `Du er invitert til å svare på kartlegginga «${t}». Lenkja under er personleg: ikkje del ho med andre.`,
    action: 'Svar på kartlegginga',
  },
  teamProposed: {
    subject: (t) => `Arbeidslag ventar på godkjenning: ${t}`,
    lead: (t) => `Arbeidslaget «${t}» er føreslått og ventar på godkjenninga di.`,
    action: 'Sjå forslaget',
  },
  teamDecided: {
    subject: (t) => `Avgjerd om arbeidslaget ${t}`,
    lead: (t) => `Det er teke ei avgjerd om arbeidslaget «${t}».`,
    action: 'Sjå arbeidslaget',
  },
  evaluationDue: {
    subject: (t) => `Evaluering forfell: ${t}`,
    lead: (t) => `Det er tid for å evaluere arbeidslaget «${t}».`,
    action: 'Sjå arbeidslaget',
  },
  changeQuestionAnswered: {
    subject: (t) => `Spørsmålet ditt er svara på: ${t}`,
    lead: (t) => `Spørsmålet du stilte i omstillinga «${t}», har fått svar.`,
    action: 'Sjå svaret',
  },
};

const en: Texts = {
  greeting: (name) => `Hello ${name},`,
  footer: 'You receive this email from Lagverk because you chose email notifications for this kind of event.',
  preferences: 'Choose which notifications you receive',
  meetingInvitation: {
    subject: (t) => `Meeting invitation: ${t}`,
    lead: (t) => `You are invited to the meeting "${t}".`,
    action: 'View the meeting',
  },
  surveyInvitation: {
    subject: (t) => `New survey: ${t}`,
    lead: (t) => `You are invited to answer the survey "${t}". The link below is personal: do not share it.`,
    action: 'Answer the survey',
  },
  teamProposed: {
    subject: (t) => `Work team awaiting approval: ${t}`,
    lead: (t) => `The work team "${t}" has been proposed and awaits your approval.`,
    action: 'View the proposal',
  },
  teamDecided: {
    subject: (t) => `Decision on the work team ${t}`,
    lead: (t) => `A decision has been made on the work team "${t}".`,
    action: 'View the work team',
  },
  evaluationDue: {
    subject: (t) => `Evaluation due: ${t}`,
    lead: (t) => `It is time to evaluate the work team "${t}".`,
    action: 'View the work team',
  },
  changeQuestionAnswered: {
    subject: (t) => `Your question has been answered: ${t}`,
    lead: (t) => `The question you asked in the change process "${t}" has been answered.`,
    action: 'View the answer',
  },
};

const texts: Record<EmailLanguage, Texts> = { nb, nn, en };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// A title or name goes into a header line: no line breaks (header injection), bounded length.
const oneLine = (s: string, max: number) => s.replace(/[\r\n\t]+/g, ' ').trim().slice(0, max);

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The email for one notification: `url` is absolute; `preferencesUrl` where the person changes their choices. */
export function renderEmail(input: {
  kind: NotificationKind; language: EmailLanguage; name: string; title: string; url: string; preferencesUrl: string;
}): RenderedEmail {
  const t = texts[input.language];
  const k = t[input.kind];
  const title = oneLine(input.title, 300);
  const name = oneLine(input.name, 200);
  const subject = oneLine(k.subject(title), 400);
  const text = [
    t.greeting(name), '', k.lead(title), '', `${k.action}: ${input.url}`, '', '--', t.footer, `${t.preferences}: ${input.preferencesUrl}`, '',
  ].join('\n');
  const html = `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`
    + `<p>${escapeHtml(t.greeting(name))}</p><p>${escapeHtml(k.lead(title))}</p>`
    + `<p><a href="${escapeHtml(input.url)}">${escapeHtml(k.action)}</a></p>`
    + `<hr><p><small>${escapeHtml(t.footer)} <a href="${escapeHtml(input.preferencesUrl)}">${escapeHtml(t.preferences)}</a></small></p>`
    + '</body></html>';
  return { subject, text, html };
}
