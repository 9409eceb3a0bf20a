import { SurveyRoundCreate, type SurveyRound, type SurveyRoundAudience, type SurveyTemplateAudience } from '@lagverk/shared';
import { editorErrors } from '../criteria/criteriaForm.ts';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { requiredText } from '../forms/formValues.ts';

export const roundKinds = ['baseline', 'followUp'] as const;
export const roundStatuses = ['draft', 'open', 'closed'] as const;

/** Who a template can be put to: employees by invitation, service users by a shared link. */
export const audiencesFor = (template: SurveyTemplateAudience | undefined): SurveyRoundAudience[] =>
  template === 'serviceUsers' ? ['serviceUsers'] : template === 'employees' ? ['allEmployees', 'units', 'teamMembers'] : ['allEmployees', 'units', 'teamMembers', 'serviceUsers'];

/** The anonymity floor: below it a group could be a person or two (the database says so too). */
export const respondentFloor = 3;

/** The round form as its inputs hold it; the id lists are space-separated for the pickers. */
export interface RoundValues {
  templateId: string;
  name: string;
  kind: string;
  baselineRoundId: string;
  audience: string;
  unitIds: string;
  teamIds: string;
  opensAt: string;
  closesAt: string;
  minRespondents: string;
  minTextRespondents: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local input shows it: the user's own clock, to the minute. */
export function localInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (the user's clock) as the API's UTC timestamp; left out when empty. */
function instant(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

/** A whole number stays a number; anything else is passed on as typed so validation names it. */
function wholeNumber(text: string | number): number | string | undefined {
  const trimmed = String(text).trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export const listValue = (text: string): string[] => text.split(' ').filter(Boolean);

/** A new round: opening tomorrow morning, closing three weeks later, the usual thresholds. */
export function emptyRoundValues(templateId = ''): RoundValues {
  const opens = new Date();
  opens.setDate(opens.getDate() + 1);
  opens.setHours(8, 0, 0, 0);
  const closes = new Date(opens);
  closes.setDate(closes.getDate() + 21);
  closes.setHours(23, 59, 0, 0);
  return {
    templateId, name: '', kind: 'baseline', baselineRoundId: '', audience: 'allEmployees', unitIds: '', teamIds: '',
    opensAt: localInput(opens.toISOString()), closesAt: localInput(closes.toISOString()), minRespondents: '5', minTextRespondents: '10',
  };
}

export const roundToValues = (round: SurveyRound): RoundValues => ({
  templateId: round.templateId,
  name: round.name,
  kind: round.kind,
  baselineRoundId: round.baselineRoundId ?? '',
  audience: round.audience,
  unitIds: round.unitIds.join(' '),
  teamIds: round.teamIds.join(' '),
  opensAt: localInput(round.opensAt),
  closesAt: localInput(round.closesAt),
  minRespondents: String(round.minRespondents),
  minTextRespondents: String(round.minTextRespondents),
});

export function roundPayload(values: RoundValues) {
  const opensAt = instant(values.opensAt);
  const closesAt = instant(values.closesAt);
  const minRespondents = wholeNumber(values.minRespondents);
  const minTextRespondents = wholeNumber(values.minTextRespondents);
  return {
    templateId: values.templateId,
    name: requiredText(values.name),
    kind: values.kind,
    baselineRoundId: values.kind === 'followUp' ? values.baselineRoundId || null : null,
    audience: values.audience,
    // Only the list the audience uses is kept; one left over from another choice is dropped.
    unitIds: values.audience === 'units' ? listValue(values.unitIds) : [],
    teamIds: values.audience === 'teamMembers' ? listValue(values.teamIds) : [],
    ...(opensAt === undefined ? {} : { opensAt }),
    ...(closesAt === undefined ? {} : { closesAt }),
    ...(minRespondents === undefined ? {} : { minRespondents }),
    ...(minTextRespondents === undefined ? {} : { minTextRespondents }),
  };
}
export type RoundPayload = ReturnType<typeof roundPayload>;

/** The schema's errors, plus the rules between fields that a schema cannot state. */
export function roundErrors(payload: RoundPayload): FieldErrors {
  const errors = editorErrors(payload, SurveyRoundCreate);
  // A choice from a list reads better as "choose one" than as "not a valid uuid".
  if (!payload.templateId) errors.templateId = { code: 'required', params: {} };
  if (payload.kind === 'followUp' && !payload.baselineRoundId) errors.baselineRoundId = { code: 'chooseBaseline', params: {} };
  if (payload.audience === 'units' && payload.unitIds.length === 0) errors.unitIds = { code: 'chooseUnits', params: {} };
  if (payload.audience === 'teamMembers' && payload.teamIds.length === 0) errors.teamIds = { code: 'chooseTeams', params: {} };
  if (payload.opensAt && payload.closesAt && !errors.closesAt && !errors.opensAt && payload.closesAt <= payload.opensAt) {
    errors.closesAt = { code: 'closesBeforeOpens', params: {} };
  }
  const min = payload.minRespondents;
  const text = payload.minTextRespondents;
  if (typeof min === 'number' && Number.isInteger(min) && min < respondentFloor) errors.minRespondents = { code: 'belowFloor', params: { min: respondentFloor } };
  if (typeof text === 'number' && typeof min === 'number' && !errors.minTextRespondents && text < min) {
    errors.minTextRespondents = { code: 'textBelowMinimum', params: {} };
  }
  return errors;
}

/** The DOM id of a field's input. */
export const roundFieldId = (field: string) => `survey-round-${field}`;
