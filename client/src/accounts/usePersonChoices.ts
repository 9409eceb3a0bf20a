import type { Person } from '@lagverk/shared';
import { computed, onMounted, shallowRef } from 'vue';
import type { Option } from '../forms/options.ts';
import { listAllPeople } from '../people/api.ts';
import { listAllAccounts } from './api.ts';

/**
 * Who can be given an account: active people who have none yet (one person, one account).
 * Loaded when the form opens, like the team page's member picker.
 */
export function usePersonChoices() {
  const people = shallowRef<Person[]>([]);
  const withAccount = shallowRef<Set<string>>(new Set());
  const loaded = shallowRef(false);
  onMounted(async () => {
    try {
      const [all, accounts] = await Promise.all([listAllPeople({ active: true, sort: 'name' }), listAllAccounts()]);
      people.value = all;
      withAccount.value = new Set(accounts.map((account) => account.personId));
    } catch {
      // The choice stays empty; saving still reports any real problem.
    } finally {
      loaded.value = true;
    }
  });
  const byId = computed(() => new Map(people.value.map((person) => [person.id, person])));
  const options = computed<Option[]>(() =>
    people.value
      .filter((person) => !withAccount.value.has(person.id))
      .map((person) => ({ value: person.id, label: person.title ? `${person.name} (${person.title})` : person.name })),
  );
  return { options, byId, loaded };
}
