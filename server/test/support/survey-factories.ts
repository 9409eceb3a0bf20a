import type { Kysely } from 'kysely';
import type { SurveyRound, SurveyRoundCreate, SurveyTemplate, SurveyTemplateCreate } from '@lagverk/shared';
import type { App } from '../../src/app.ts';
import type { DB } from '../../src/db/types.ts';
import { as, unique } from './factories.ts';

// Survey templates and rounds made through the API, and the invitation tokens a round's
// audience would get by mail, read straight from the database.

/** A template with a required scale question, a yes/no, a choice (background) and a free text. */
export async function createSurveyTemplate(app: App, org: string, overrides: Partial<SurveyTemplateCreate> = {}): Promise<SurveyTemplate> {
  const res = await app.inject({
    method: 'POST', url: '/api/v1/survey-templates', headers: as(org),
    payload: {
      name: `Undersøkelse ${unique()}`, language: 'nb', audience: 'employees',
      questions: [
        { text: 'Jeg samarbeider på tvers.', type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', required: true },
        { text: 'Har du deltatt i et arbeidslag?', type: 'yesNo' },
        { text: 'Faggruppe', type: 'choice', options: ['Helse', 'Oppvekst', 'Annet'], background: true },
        { text: 'Forslag', type: 'text' },
      ],
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`createSurveyTemplate failed with ${res.statusCode}: ${res.body}`);
  return res.json<SurveyTemplate>();
}

const hour = 3600_000;

export async function createSurveyRound(app: App, org: string, overrides: Partial<SurveyRoundCreate> & { templateId: string }): Promise<SurveyRound> {
  const res = await app.inject({
    method: 'POST', url: '/api/v1/survey-rounds', headers: as(org),
    payload: {
      name: `Runde ${unique()}`, kind: 'baseline', audience: 'allEmployees',
      opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + 24 * hour).toISOString(),
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`createSurveyRound failed with ${res.statusCode}: ${res.body}`);
  return res.json<SurveyRound>();
}

export const roundAction = (app: App, org: string, roundId: string, action: 'open' | 'close', headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/${action}`, headers: as(org, headers) });

/** A round of `templateId` (a new default test template unless given), opened. */
export async function openRound(app: App, org: string, overrides: Partial<SurveyRoundCreate> & { templateId?: string } = {}) {
  const templateId = overrides.templateId ?? (await createSurveyTemplate(app, org)).id;
  const round = await createSurveyRound(app, org, { ...overrides, templateId });
  const res = await roundAction(app, org, round.id, 'open');
  if (res.statusCode !== 200) throw new Error(`opening the round failed with ${res.statusCode}: ${res.body}`);
  return res.json<SurveyRound>();
}

/** The invitation token each invited person got, by person id. */
export async function invitationTokens(db: Kysely<DB>, org: string, roundId: string) {
  const rows = await db.selectFrom('survey_invitations').select(['person_id', 'token'])
    .where('organisation_id', '=', org).where('round_id', '=', roundId).execute();
  return new Map(rows.map((r) => [r.person_id, r.token]));
}
