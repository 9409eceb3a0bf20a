import type { TeamResult, TeamResultCreate, TeamResultPatch } from '@lagverk/shared';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../../api/client.ts';
import { serverEditorErrors } from '../../criteria/criteriaForm.ts';
import type { FieldErrors } from '../../forms/fieldErrors.ts';
import { useSaveAttempt } from '../../forms/useSaveAttempt.ts';
import { createResult, getResult, updateResult } from './api.ts';
import { emptyLink, emptyMeasure, emptyResultValues, resultErrors, resultPayload, resultToValues, type ResultValues } from './resultForm.ts';

const parts = ['title', 'description', 'category', 'achievedOn', 'measures', 'links'] as const;
type Payload = ReturnType<typeof resultPayload>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A result being added, or edited from the version it was loaded at. On a 412 the user's
 * input stays; `loadLatest` takes the newer value of every part the user had not touched.
 */
export function useResultForm(teamId: () => string, existing: TeamResult | null) {
  const { saving, attempts, serverErrors, problem, conflict, mergedLatest, attempt } = useSaveAttempt(serverEditorErrors);
  const values = reactive(existing ? resultToValues(existing) : emptyResultValues());
  const loaded = shallowRef<TeamResult | null>(existing);
  const base = shallowRef<ResultValues>(existing ? resultToValues(existing) : emptyResultValues());
  const clientErrors = ref<FieldErrors>({});
  const errors = computed<FieldErrors>(() => ({ ...clientErrors.value, ...serverErrors.value }));

  function validate() {
    clientErrors.value = resultErrors(values);
    return Object.keys(clientErrors.value).length === 0;
  }

  watch(values, () => {
    if (attempts.value > 0) validate();
    serverErrors.value = {};
  });

  function changedParts(next: Payload, before: Payload): TeamResultPatch {
    const patch: Record<string, unknown> = {};
    for (const key of parts) if (!same(next[key], before[key])) patch[key] = next[key];
    return patch as TeamResultPatch;
  }

  async function submit(): Promise<TeamResult | null> {
    return attempt(validate, async () => {
      const payload = resultPayload(values);
      const current = loaded.value;
      if (!current) return await createResult(teamId(), payload as TeamResultCreate);
      const patch = changedParts(payload, resultPayload(base.value));
      if (Object.keys(patch).length === 0) return current;
      return await updateResult(teamId(), current, patch);
    });
  }

  async function loadLatest() {
    const current = loaded.value;
    if (!current) return;
    try {
      const latest = await getResult(teamId(), current.id);
      const theirs = resultToValues(latest);
      const mine = resultPayload(values);
      const before = resultPayload(base.value);
      for (const key of parts) {
        if (same(mine[key], before[key])) Object.assign(values, { [key]: structuredClone(theirs[key]) });
      }
      loaded.value = latest;
      base.value = theirs;
      conflict.value = false;
      mergedLatest.value = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.value = error;
    }
  }

  const rows = {
    addMeasure: () => values.measures.push(emptyMeasure()) - 1,
    addLink: () => values.links.push(emptyLink()) - 1,
    remove(list: 'measures' | 'links', index: number) {
      values[list].splice(index, 1);
    },
  };

  return { values, loaded, problem, saving, attempts, conflict, mergedLatest, errors, submit, loadLatest, rows };
}
