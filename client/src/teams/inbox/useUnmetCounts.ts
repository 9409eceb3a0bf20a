import type { Team } from '@lagverk/shared';
import { ref, watch, type Ref } from 'vue';
import { getAssessment } from '../api.ts';

/**
 * How many required criteria each shown team leaves unmet, fetched in parallel for the
 * teams on screen only (a page grows by "Show more"). null while loading, 'error' if the
 * assessment could not be read; the inbox still lists the team.
 */
export function useUnmetCounts(teams: Ref<readonly Team[]>) {
  const counts = ref<Record<string, number | 'error' | null>>({});

  watch(
    teams,
    async (shown) => {
      const missing = shown.filter((team) => !(team.id in counts.value));
      if (missing.length === 0) return;
      counts.value = { ...counts.value, ...Object.fromEntries(missing.map((team) => [team.id, null])) };
      const settled = await Promise.allSettled(missing.map((team) => getAssessment(team.id)));
      const next = { ...counts.value };
      settled.forEach((outcome, index) => {
        next[missing[index]!.id] = outcome.status === 'fulfilled' ? outcome.value.unmetRequired.length : 'error';
      });
      counts.value = next;
    },
    { immediate: true },
  );

  return counts;
}
