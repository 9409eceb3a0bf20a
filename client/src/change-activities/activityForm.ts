import type { ChangeActivity, ChangeActivityCreate, ChangeActivityKind, ChangeActivityPatch, IntervieweeRole } from '@lagverk/shared';

// The activity form's state: every kind's fields at once, so switching the kind of a new
// activity keeps what was typed. Only the chosen kind's fields are sent.

export interface CaseDraft {
  title: string;
  description: string;
  groups: string[];
}

export interface ActivityDraft {
  kind: ChangeActivityKind;
  title: string;
  heldOn: string;
  phaseId: string;
  summary: string;
  /** Space-separated, as CheckboxGroup keeps it. */
  unitIds: string;
  premises: string;
  workingConditions: string;
  observations: string;
  intervieweeRole: IntervieweeRole | '';
  notes: string;
  /** The interview's notes were withheld from this user: the form neither shows nor sends them. */
  notesHidden: boolean;
  themes: string[];
  invitedCount: string;
  attendedCount: string;
  participantsCount: string;
  cases: CaseDraft[];
  strengths: string[];
  improvements: string[];
  solutions: string[];
  attendeePersonIds: string;
  meetingNotes: string;
  decisions: string[];
}

export const emptyDraft = (): ActivityDraft => ({
  kind: 'siteVisit', title: '', heldOn: '', phaseId: '', summary: '', unitIds: '',
  premises: '', workingConditions: '', observations: '',
  intervieweeRole: '', notes: '', notesHidden: false, themes: [],
  invitedCount: '', attendedCount: '',
  participantsCount: '', cases: [], strengths: [], improvements: [], solutions: [],
  attendeePersonIds: '', meetingNotes: '', decisions: [],
});

export function toDraft(activity: ChangeActivity): ActivityDraft {
  const draft: ActivityDraft = {
    ...emptyDraft(), kind: activity.kind, title: activity.title, heldOn: activity.heldOn, phaseId: activity.phaseId ?? '',
    summary: activity.summary ?? '', unitIds: activity.unitIds.join(' '),
  };
  switch (activity.kind) {
    case 'siteVisit':
      return { ...draft, premises: activity.details.premises ?? '', workingConditions: activity.details.workingConditions ?? '', observations: activity.details.observations ?? '' };
    case 'interview':
      return { ...draft, intervieweeRole: activity.details.intervieweeRole, notes: activity.details.notes ?? '', notesHidden: activity.details.notesHidden, themes: [...activity.details.themes] };
    case 'staffMeeting':
      return { ...draft, invitedCount: String(activity.details.invitedCount), attendedCount: String(activity.details.attendedCount) };
    case 'processDay':
      return {
        ...draft, participantsCount: String(activity.details.participantsCount),
        cases: activity.details.cases.map((c) => ({ title: c.title, description: c.description ?? '', groups: [...c.groups] })),
        strengths: [...activity.details.strengths], improvements: [...activity.details.improvements], solutions: [...activity.details.solutions],
      };
    case 'projectGroupMeeting':
      return { ...draft, attendeePersonIds: activity.details.attendeePersonIds.join(' '), meetingNotes: activity.details.notes ?? '', decisions: [...activity.details.decisions] };
  }
}

const text = (value: string) => (value.trim() === '' ? null : value.trim());
const rows = (values: string[]) => values.map((v) => v.trim()).filter((v) => v !== '');
const ids = (value: string) => value.split(' ').filter((v) => v !== '');
const count = (value: string) => (/^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN);

/** What is wrong with the draft, by field: a message key and its values. */
export function draftProblems(draft: ActivityDraft): Record<string, { key: string; values?: Record<string, unknown> }> {
  const out: Record<string, { key: string; values?: Record<string, unknown> }> = {};
  if (!text(draft.title)) out.title = { key: 'validation.required' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.heldOn)) out.heldOn = { key: 'validation.required' };
  const counted = (field: 'invitedCount' | 'attendedCount' | 'participantsCount') => {
    const n = count(draft[field]);
    if (Number.isNaN(n) || n > 100000) out[field] = { key: 'changeActivities.validation.count' };
    return n;
  };
  if (draft.kind === 'siteVisit' && ids(draft.unitIds).length === 0) out.unitIds = { key: 'changeActivities.validation.units' };
  if (draft.kind === 'interview' && !draft.intervieweeRole) out.intervieweeRole = { key: 'validation.required' };
  if (draft.kind === 'staffMeeting') {
    const invited = counted('invitedCount');
    const attended = counted('attendedCount');
    if (!out.attendedCount && !out.invitedCount && attended > invited) out.attendedCount = { key: 'changeActivities.validation.attended' };
  }
  if (draft.kind === 'processDay') {
    counted('participantsCount');
    if (draft.cases.some((c) => !text(c.title))) out.cases = { key: 'changeActivities.validation.caseTitle' };
  }
  return out;
}

function details(draft: ActivityDraft): Record<string, unknown> {
  switch (draft.kind) {
    case 'siteVisit':
      return { premises: text(draft.premises), workingConditions: text(draft.workingConditions), observations: text(draft.observations) };
    case 'interview':
      return { intervieweeRole: draft.intervieweeRole, ...(!draft.notesHidden && { notes: text(draft.notes) }), themes: [...new Set(rows(draft.themes))] };
    case 'staffMeeting':
      return { invitedCount: count(draft.invitedCount), attendedCount: count(draft.attendedCount) };
    case 'processDay':
      return {
        participantsCount: count(draft.participantsCount),
        cases: draft.cases.map((c) => ({ title: c.title.trim(), description: text(c.description), groups: rows(c.groups) })),
        strengths: rows(draft.strengths), improvements: rows(draft.improvements), solutions: rows(draft.solutions),
      };
    case 'projectGroupMeeting':
      return { attendeePersonIds: ids(draft.attendeePersonIds), notes: text(draft.meetingNotes), decisions: rows(draft.decisions) };
  }
}

/** The draft as a new activity; an interview takes no units. */
export function createPayload(draft: ActivityDraft): ChangeActivityCreate {
  return {
    kind: draft.kind, title: draft.title.trim(), heldOn: draft.heldOn, phaseId: draft.phaseId || null, summary: text(draft.summary),
    ...(draft.kind !== 'interview' && { unitIds: ids(draft.unitIds) }),
    details: details(draft),
  } as ChangeActivityCreate;
}

/** The whole draft as an edit: the kind stays, and hidden interview notes are left as they are. */
export const patchPayload = (draft: ActivityDraft): ChangeActivityPatch => createPayload(draft) as ChangeActivityPatch;
