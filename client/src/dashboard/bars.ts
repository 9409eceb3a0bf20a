import { resultCategories, teamStatuses, type DashboardTeams, type ResultCategoryCounts } from '@lagverk/shared';
import type { Composer } from 'vue-i18n';
import type { Bar } from './BarChart.vue';
import { formatCount } from './format.ts';

type I18n = Pick<Composer, 't' | 'locale'>;

// The bars of each chart, from the API's figures, in the product's fixed order (not by
// size), so the same chart looks the same from one period or unit to the next.

export const categoryBars = ({ t, locale }: I18n, counts: ResultCategoryCounts): Bar[] =>
  resultCategories.map((category) => ({
    key: category, label: t(`results.categories.${category}`), value: counts[category], valueText: formatCount(counts[category], locale.value),
  }));

export const statusBars = ({ t, locale }: I18n, teams: DashboardTeams): Bar[] =>
  teamStatuses.map((status) => ({
    key: status, label: t(`teams.statuses.${status}`), value: teams.byStatus[status], valueText: formatCount(teams.byStatus[status], locale.value),
  }));

/** "2 units: 5 teams": how many teams have each count. */
export const distributionBars = ({ t, locale }: I18n, distribution: { count: number; teams: number }[], what: 'units' | 'professions'): Bar[] =>
  distribution.map((step) => ({
    key: String(step.count),
    label: t(`dashboard.teams.${what}Count`, { count: step.count }, step.count),
    value: step.teams,
    valueText: t('dashboard.teams.teamCount', { count: formatCount(step.teams, locale.value) }, step.teams),
  }));
