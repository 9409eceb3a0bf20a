import { sql, type Kysely, type Transaction } from 'kysely';
import type { ProblemFieldError, SurveyRoundCreate, SurveyRoundPatch } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { createInvitations, newSurveyToken, rewriteRoundRows } from './invitations.ts';
import { notifySurveyInvitations } from '../notifications/triggers.ts';
import {
  arrayLiteral, countResponses, deleteSurveyRound, findSurveyRound, findSurveyTemplate, freezeRoundUnits, insertSurveyRound, questionsByTemplate,
  toSurveyRound, updateSurveyRound, type SurveyRoundRow,
} from './repository.ts';

// A round is a draft until it opens. Opening fixes what the anonymity of its results rests
// on (template, audience, thresholds) and makes the invitations in the same transaction, so
// a round is never open with half its audience invited. Closing stops answers.

interface RoundState {
  templateId: string;
  kind: SurveyRoundRow['kind'];
  baselineRoundId: string | null;
  audience: SurveyRoundRow['audience'];
  unitIds: string[];
  teamIds: string[];
  opensAt: Date;
  closesAt: Date;
  minRespondents: number;
  minTextRespondents: number;
}

const error = (path: string, message: string, code: string): ProblemFieldError => ({ path: `/body/${path}`, message, code });

/** Everything that must hold of a round, with every failure listed (422 `invalid-round`). */
async function checkRound(trx: Transaction<DB>, organisationId: string, roundId: string | null, s: RoundState) {
  const errors: ProblemFieldError[] = [];
  if (s.closesAt <= s.opensAt) errors.push(error('closesAt', 'must be after opensAt', 'order'));
  if (s.minTextRespondents < s.minRespondents) errors.push(error('minTextRespondents', 'must not be below minRespondents', 'minimum'));
  if (s.audience === 'units' && s.unitIds.length === 0) errors.push(error('unitIds', 'name at least one unit for audience units', 'required'));
  if (s.audience !== 'units' && s.unitIds.length > 0) errors.push(error('unitIds', 'is only for audience units', 'audience'));
  if (s.audience === 'teamMembers' && s.teamIds.length === 0) errors.push(error('teamIds', 'name at least one team for audience teamMembers', 'required'));
  if (s.audience !== 'teamMembers' && s.teamIds.length > 0) errors.push(error('teamIds', 'is only for audience teamMembers', 'audience'));

  const template = await findSurveyTemplate(trx, organisationId, s.templateId);
  if (!template) errors.push(error('templateId', 'no such survey template', 'reference'));
  else if ((template.audience === 'serviceUsers') !== (s.audience === 'serviceUsers')) {
    errors.push(error('audience', template.audience === 'serviceUsers'
      ? 'a service-user template is answered through a shared link: use audience serviceUsers'
      : 'an employee template goes to employees: use allEmployees, units or teamMembers', 'audience'));
  }
  if (s.unitIds.length > 0) {
    const found = new Set((await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('id', 'in', s.unitIds).execute()).map((r) => r.id));
    s.unitIds.forEach((id, i) => { if (!found.has(id)) errors.push(error(`unitIds/${i}`, 'no such unit', 'reference')); });
  }
  if (s.teamIds.length > 0) {
    const found = new Set((await trx.selectFrom('teams').select('id').where('organisation_id', '=', organisationId).where('id', 'in', s.teamIds).execute()).map((r) => r.id));
    s.teamIds.forEach((id, i) => { if (!found.has(id)) errors.push(error(`teamIds/${i}`, 'no such team', 'reference')); });
  }

  if (s.kind === 'baseline' && s.baselineRoundId !== null) errors.push(error('baselineRoundId', 'only a follow-up has a baseline', 'kind'));
  if (s.kind === 'followUp') {
    if (s.baselineRoundId === null) errors.push(error('baselineRoundId', 'a follow-up names the baseline round it follows', 'required'));
    else {
      const baseline = s.baselineRoundId === roundId ? undefined : await findSurveyRound(trx, organisationId, s.baselineRoundId);
      if (!baseline) errors.push(error('baselineRoundId', 'no such survey round', 'reference'));
      else if (baseline.kind !== 'baseline') errors.push(error('baselineRoundId', 'is a follow-up, not a baseline', 'kind'));
      else if (baseline.template_id !== s.templateId) {
        errors.push(error('baselineRoundId', 'uses another template: a follow-up asks the same questions as its baseline', 'template'));
      }
    }
  }
  if (errors.length > 0) throw unprocessable('invalid-round', 'The survey round is not valid; see `errors`.', errors);
}

const stateOf = (row: SurveyRoundRow): RoundState => ({
  templateId: row.template_id, kind: row.kind, baselineRoundId: row.baseline_round_id, audience: row.audience,
  unitIds: row.unit_ids, teamIds: row.team_ids, opensAt: row.opens_at, closesAt: row.closes_at,
  minRespondents: row.min_respondents, minTextRespondents: row.min_text_respondents,
});

function columnsOf(s: RoundState) {
  return {
    template_id: s.templateId, kind: s.kind, baseline_round_id: s.baselineRoundId, audience: s.audience,
    unit_ids: arrayLiteral(s.unitIds, 'uuid'), team_ids: arrayLiteral(s.teamIds, 'uuid'),
    opens_at: s.opensAt, closes_at: s.closesAt, min_respondents: s.minRespondents, min_text_respondents: s.minTextRespondents,
  };
}

async function withCount(trx: Transaction<DB>, row: SurveyRoundRow) {
  return toSurveyRound(row, await countResponses(trx, row.organisation_id, row.id));
}

async function lockRound(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null) {
  const row = await findSurveyRound(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The survey round');
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return row;
}

export function createSurveyRound(db: Kysely<DB>, organisationId: string, input: SurveyRoundCreate) {
  return db.transaction().execute(async (trx) => {
    const state: RoundState = {
      templateId: input.templateId, kind: input.kind, baselineRoundId: input.baselineRoundId ?? null, audience: input.audience,
      unitIds: input.unitIds ?? [], teamIds: input.teamIds ?? [], opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt),
      minRespondents: input.minRespondents ?? 5, minTextRespondents: input.minTextRespondents ?? Math.max(10, input.minRespondents ?? 5),
    };
    await checkRound(trx, organisationId, null, state);
    const row = await insertSurveyRound(trx, { organisation_id: organisationId, name: input.name, ...columnsOf(state) });
    return toSurveyRound(row, 0);
  });
}

const sameTime = (a: Date, b: Date) => a.getTime() === b.getTime();

/** What may still change once a round has opened (name, and closesAt while it is open). */
const changeableWhen = { open: ['name', 'closesAt'], closed: ['name'] } as const;

export function patchSurveyRound(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: SurveyRoundPatch) {
  return db.transaction().execute(async (trx) => {
    const row = await lockRound(trx, organisationId, id, expected);
    if (row.status !== 'draft') {
      const allowed: readonly string[] = changeableWhen[row.status];
      const fixed = Object.keys(patch).filter((key) => !allowed.includes(key));
      if (fixed.length > 0) {
        throw conflict(row.status === 'open' ? 'round-not-draft' : 'round-closed',
          row.status === 'open'
            ? 'The round is open: its template, audience, times and thresholds are fixed, since invitations were made and answers may have arrived. Only name and closesAt can change.'
            : 'The round is closed: only its name can change.',
          { errors: fixed.map((key) => error(key, 'cannot change now', 'fixed')) });
      }
    }
    const current = stateOf(row);
    const state: RoundState = {
      templateId: patch.templateId ?? current.templateId,
      kind: patch.kind ?? current.kind,
      baselineRoundId: patch.baselineRoundId !== undefined ? patch.baselineRoundId : patch.kind === 'baseline' ? null : current.baselineRoundId,
      audience: patch.audience ?? current.audience,
      unitIds: patch.unitIds ?? (patch.audience !== undefined && patch.audience !== 'units' ? [] : current.unitIds),
      teamIds: patch.teamIds ?? (patch.audience !== undefined && patch.audience !== 'teamMembers' ? [] : current.teamIds),
      opensAt: patch.opensAt !== undefined ? new Date(patch.opensAt) : current.opensAt,
      closesAt: patch.closesAt !== undefined ? new Date(patch.closesAt) : current.closesAt,
      minRespondents: patch.minRespondents ?? current.minRespondents,
      minTextRespondents: patch.minTextRespondents ?? current.minTextRespondents,
    };
    if (row.status === 'draft') await checkRound(trx, organisationId, id, state);
    else if (patch.closesAt !== undefined && !sameTime(state.closesAt, row.closes_at)) {
      // Once closesAt has passed the results are readable; reopening would let someone
      // read them, reopen, wait for one more answer and subtract. So a lapsed round stays
      // closed, and an open one can only be extended or shortened into the future.
      const { now } = await sql<{ now: Date }>`select now() as now`.execute(trx).then((r) => r.rows[0]!);
      if (row.closes_at <= now) {
        throw conflict('round-closed', 'The round\'s closing time has passed, so its results may have been read: it cannot be reopened. Make a follow-up round instead.',
          { errors: [error('closesAt', 'cannot change after the round has closed', 'fixed')] });
      }
      if (state.closesAt <= now) {
        throw unprocessable('invalid-round', 'The survey round is not valid; see `errors`.', [error('closesAt', 'must be in the future; use the close action to stop answers now', 'past')]);
      }
    }
    if (row.status !== 'draft' && state.closesAt <= state.opensAt) {
      throw unprocessable('invalid-round', 'The survey round is not valid; see `errors`.', [error('closesAt', 'must be after opensAt', 'order')]);
    }
    const updated = await updateSurveyRound(trx, organisationId, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(row.status === 'draft' ? columnsOf(state) : { closes_at: state.closesAt }),
    });
    return withCount(trx, updated);
  });
}

export function removeSurveyRound(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const row = await lockRound(trx, organisationId, id, expected);
    if (row.status !== 'draft') {
      throw conflict('round-not-draft', 'Only a draft round can be deleted; an opened round is kept with its invitations and answers.');
    }
    const followUp = await trx.selectFrom('survey_rounds').select('id').where('organisation_id', '=', organisationId)
      .where('baseline_round_id', '=', id).limit(1).executeTakeFirst();
    if (followUp) throw conflict('round-has-follow-ups', 'Follow-up rounds name this round as their baseline; change or delete them first.');
    await deleteSurveyRound(trx, organisationId, id);
  });
}

export function openSurveyRound(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const row = await lockRound(trx, organisationId, id, expected);
    if (row.status !== 'draft') throw conflict('round-not-draft', `The round is ${row.status} already; a round opens once.`);
    // Locked, so a question edit cannot slip in between this check and the round opening.
    const template = await findSurveyTemplate(trx, organisationId, row.template_id, { forUpdate: true });
    const state = stateOf(row);
    await checkRound(trx, organisationId, id, state);
    const questions = (await questionsByTemplate(trx, organisationId, [row.template_id])).get(row.template_id) ?? [];
    if (!template || questions.length === 0) {
      throw unprocessable('template-empty', 'The round\'s template has no questions; add questions before opening the round.');
    }
    const now = await trx.selectNoFrom(sql<Date>`now()`.as('now')).executeTakeFirstOrThrow();
    if (row.closes_at <= now.now) {
      throw unprocessable('round-window-passed', 'The round\'s closesAt has passed; set a later closesAt before opening it.',
        [error('closesAt', 'has passed', 'past')]);
    }
    const invited = await createInvitations(trx, row);
    await freezeRoundUnits(trx, organisationId, id);
    const updated = await updateSurveyRound(trx, organisationId, id, {
      status: 'open', opened_at: sql`now()`, invited_count: invited,
      ...(row.audience === 'serviceUsers' && { public_token: newSurveyToken('s') }),
    });
    await notifySurveyInvitations(trx, organisationId, updated);
    return toSurveyRound(updated, 0);
  });
}

export function closeSurveyRound(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const row = await lockRound(trx, organisationId, id, expected);
    if (row.status !== 'open') throw conflict('round-not-open', row.status === 'draft' ? 'The round has not opened.' : 'The round is closed already.');
    await rewriteRoundRows(trx, organisationId, id);
    const updated = await updateSurveyRound(trx, organisationId, id, { status: 'closed', closed_at: sql`now()` });
    return withCount(trx, updated);
  });
}
