import type { TeamStatus } from './teams.ts';

// The team lifecycle in one table, used by the server to decide and by the web client
// to offer the right buttons: draft → proposed → approved or rejected → active ⇄
// paused → concluded, and a rejected proposal can be revised back into a draft.

export type TeamAction = 'propose' | 'approve' | 'reject' | 'activate' | 'pause' | 'resume' | 'conclude' | 'revise';

export const transitions: Record<TeamAction, { from: TeamStatus[]; to: TeamStatus; event: string }> = {
  propose: { from: ['draft'], to: 'proposed', event: 'team.proposed' },
  approve: { from: ['proposed'], to: 'approved', event: 'team.approved' },
  reject: { from: ['proposed'], to: 'rejected', event: 'team.rejected' },
  activate: { from: ['approved'], to: 'active', event: 'team.activated' },
  pause: { from: ['active'], to: 'paused', event: 'team.paused' },
  resume: { from: ['paused'], to: 'active', event: 'team.resumed' },
  conclude: { from: ['active', 'paused'], to: 'concluded', event: 'team.concluded' },
  revise: { from: ['rejected'], to: 'draft', event: 'team.revised' },
};

export const teamActions = Object.keys(transitions) as TeamAction[];

export function allowedActions(status: TeamStatus): TeamAction[] {
  return teamActions.filter((action) => transitions[action].from.includes(status));
}

/** Decisions on a proposal carry a written reason. */
export const needsReason = (action: TeamAction) => action === 'approve' || action === 'reject';

// What can be edited when. Draft and rejected: everything (a rejected proposal is
// reworked before it is revised). Proposed: nothing, so the decision is taken on what
// was proposed. Approved, active, paused: only the framework conditions, which change as
// the team runs. Concluded: nothing, it is history.
export const frameworkFields = ['startDate', 'plannedEndDate', 'hoursPerMemberPerMonth', 'meetingRhythm', 'budgetNok', 'otherResources', 'evaluationIntervalMonths'] as const;

export function editableFields(status: TeamStatus): 'all' | readonly string[] {
  switch (status) {
    case 'draft':
    case 'rejected':
      return 'all';
    case 'approved':
    case 'active':
    case 'paused':
      return frameworkFields;
    case 'proposed':
    case 'concluded':
      return [];
  }
}

/** The assessment is part of the proposal: answered in draft, reworked after a rejection. */
export const assessmentEditable = (status: TeamStatus) => status === 'draft' || status === 'rejected';

/** Members can change while the team lives; a concluded team is history. */
export const membersEditable = (status: TeamStatus) => status !== 'concluded';
