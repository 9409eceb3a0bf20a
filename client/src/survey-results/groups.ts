import type { FollowUpActionCreate, GroupResults, ResultsGroup, ResultsGroupBy } from '@lagverk/shared';
import type { RouteLocationRaw } from 'vue-router';
import { cleanQuery } from '../shell/listQuery.ts';
import { depths } from './figures.ts';

export const groupByOptions: ResultsGroupBy[] = ['none', 'unit', 'team', 'membership'];

/** A group's key in the address (`group=unit:<id>`). */
export const groupKey = (group: ResultsGroup) => (group.kind === 'unit' || group.kind === 'team' ? `${group.kind}:${group.id}` : group.kind);

/** The group's name: a unit's or team's own, the others from the messages. */
export const groupName = (group: ResultsGroup, t: (key: string) => string) =>
  group.kind === 'unit' || group.kind === 'team' ? (group.name ?? '…') : t(`surveyResults.groups.${group.kind}`);

/** Units indented by their place in the tree (only parents that are themselves listed count). */
export function groupDepths(groups: readonly GroupResults[]): Map<string, number> {
  return depths(groups.filter((g) => g.group.kind === 'unit').map((g) => ({ id: g.group.id, parentId: g.group.parentId })));
}

type Prefill = Pick<FollowUpActionCreate, 'effectGoal' | 'questionId'>;

/** The new-action form, filled in from a result: the round, the group's unit or team, what it is about. */
export function newActionLink(roundId: string, group: ResultsGroup, about: Prefill = {}): RouteLocationRaw {
  return {
    path: '/follow-up-actions/new',
    query: cleanQuery({
      roundId,
      unitId: group.kind === 'unit' ? (group.id ?? undefined) : undefined,
      teamId: group.kind === 'team' ? (group.id ?? undefined) : undefined,
      effectGoal: about.effectGoal ?? undefined,
      questionId: about.questionId ?? undefined,
    }),
  };
}
