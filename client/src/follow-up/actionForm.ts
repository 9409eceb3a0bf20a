import { effectGoals, followUpStatuses, type FollowUpAction } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { inputText, optionalText, requiredText } from '../forms/formValues.ts';
import { queryChoice, queryText } from '../shell/listQuery.ts';
import { listValue } from '../teams/teamForm.ts';

/** The action form's inputs as strings; involved people are space-separated ids. */
export interface ActionFormValues extends Record<string, string> {
  title: string;
  description: string;
  roundId: string;
  unitId: string;
  teamId: string;
  effectGoal: string;
  questionId: string;
  ownerPersonId: string;
  dueOn: string;
  status: string;
  reviewIntervalMonths: string;
  nextReviewOn: string;
  involvedPersonIds: string;
}

export const emptyActionValues = (): ActionFormValues => ({
  title: '', description: '', roundId: '', unitId: '', teamId: '', effectGoal: '', questionId: '', ownerPersonId: '', dueOn: '',
  status: 'planned', reviewIntervalMonths: '3', nextReviewOn: '', involvedPersonIds: '',
});

export const actionToValues = (action: FollowUpAction): ActionFormValues => ({
  title: action.title,
  description: inputText(action.description),
  roundId: inputText(action.roundId),
  unitId: inputText(action.unitId),
  teamId: inputText(action.teamId),
  effectGoal: inputText(action.effectGoal),
  questionId: inputText(action.questionId),
  ownerPersonId: action.ownerPersonId,
  dueOn: inputText(action.dueOn),
  status: action.status,
  reviewIntervalMonths: String(action.reviewIntervalMonths),
  nextReviewOn: action.nextReviewOn,
  involvedPersonIds: action.involvedPersonIds.join(' '),
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idFrom = (query: LocationQuery, key: string) => {
  const value = queryText(query, key);
  return uuid.test(value) ? value : '';
};

/** A new action made from a result: the round, unit or team and what it is about come in the address. */
export function prefilledValues(query: LocationQuery, ownerPersonId: string): ActionFormValues {
  return {
    ...emptyActionValues(),
    roundId: idFrom(query, 'roundId'),
    unitId: idFrom(query, 'unitId'),
    teamId: idFrom(query, 'teamId'),
    effectGoal: queryChoice(query, 'effectGoal', effectGoals) ?? '',
    questionId: idFrom(query, 'questionId'),
    ownerPersonId,
  };
}

/** A whole number typed in the field, or the text as typed so validation can say what is wrong. */
function wholeNumber(text: string): number | string {
  const cleaned = text.trim();
  return /^\d+$/.test(cleaned) ? Number(cleaned) : cleaned;
}

export const actionPayload = (values: ActionFormValues) => ({
  title: requiredText(values.title),
  description: optionalText(values.description),
  roundId: optionalText(values.roundId),
  unitId: optionalText(values.unitId),
  teamId: optionalText(values.teamId),
  effectGoal: optionalText(values.effectGoal),
  // A question belongs to its round: without a round it is left out.
  questionId: values.roundId ? optionalText(values.questionId) : null,
  // Left out when not chosen, so validation says it is required rather than malformed.
  ...(values.ownerPersonId ? { ownerPersonId: values.ownerPersonId } : {}),
  dueOn: optionalText(values.dueOn),
  status: values.status,
  reviewIntervalMonths: wholeNumber(values.reviewIntervalMonths),
  // Empty on a new action: the server sets today plus the interval.
  ...(values.nextReviewOn ? { nextReviewOn: values.nextReviewOn } : {}),
  involvedPersonIds: listValue(values.involvedPersonIds),
});

export const statusOptions = followUpStatuses;

/** The day in the browser's calendar, as the API writes dates. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Its next review is today or earlier, and it is still going on. */
export const reviewIsDue = (action: FollowUpAction) =>
  (action.status === 'planned' || action.status === 'inProgress') && action.nextReviewOn <= today();
