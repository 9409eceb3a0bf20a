import type { Person, SurveyRound, Team } from '@lagverk/shared';
import { storeToRefs } from 'pinia';
import { computed, onMounted, shallowRef } from 'vue';
import { fetchAllPages } from '../api/client.ts';
import { useSessionStore } from '../auth/sessionStore.ts';
import { listAllPeople } from '../people/api.ts';
import { useUnitDirectoryStore } from '../units/unitDirectoryStore.ts';
import { buildTree, flattenTree } from '../units/unitTree.ts';

/**
 * What an action can refer to, for the filters, the form and the names in lists: survey
 * rounds, units, teams and people. Each list that cannot be read is left empty; the rest
 * of the page still works.
 */
export function useActionChoices(options: { people?: boolean } = {}) {
  const session = useSessionStore();
  const directory = useUnitDirectoryStore();
  const { units, byId: unitsById } = storeToRefs(directory);
  const rounds = shallowRef<SurveyRound[]>([]);
  const teams = shallowRef<Team[]>([]);
  const people = shallowRef<Person[]>([]);

  async function quietly<T>(load: () => Promise<T>, set: (value: T) => void) {
    try {
      set(await load());
    } catch {
      // Names show as "…" and the choice is missing; nothing else depends on it.
    }
  }

  onMounted(() => {
    if (session.can('units:read')) void directory.ensureLoaded();
    if (session.can('surveys:read')) void quietly(() => fetchAllPages<SurveyRound>('/survey-rounds'), (v) => (rounds.value = v));
    if (session.can('teams:read')) void quietly(() => fetchAllPages<Team>('/teams', { sort: 'name' }), (v) => (teams.value = v));
    if (options.people && session.can('people:read')) void quietly(() => listAllPeople({ sort: 'name' }), (v) => (people.value = v));
  });

  const roundsById = computed(() => new Map(rounds.value.map((r) => [r.id, r])));
  const teamsById = computed(() => new Map(teams.value.map((t) => [t.id, t])));
  const peopleById = computed(() => new Map(people.value.map((p) => [p.id, p])));

  const roundOptions = computed(() => rounds.value.map((r) => ({ value: r.id, label: r.name })));
  const unitOptions = computed(() =>
    flattenTree(buildTree(units.value)).map(({ unit, depth }) => ({ value: unit.id, label: `${'\u00a0\u00a0'.repeat(depth * 2)}${unit.name}` })),
  );
  // Only teams that have started have members to answer for.
  const teamOptions = computed(() =>
    teams.value.filter((t) => ['approved', 'active', 'paused', 'concluded'].includes(t.status)).map((t) => ({ value: t.id, label: t.name })),
  );

  return { rounds, teams, people, roundsById, unitsById, teamsById, peopleById, roundOptions, unitOptions, teamOptions };
}
