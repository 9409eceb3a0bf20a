import type { CriteriaSet, CriteriaSetCreate } from '@lagverk/shared';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/client.ts';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { listRows } from '../forms/listRows.ts';
import { useSaveAttempt } from '../forms/useSaveAttempt.ts';
import { createCriteriaSet, getCriteriaSet, updateCriteriaSet } from './api.ts';
import { changedParts, editorErrors, emptyRow, emptyValues, serverEditorErrors, toPayload, toValues, type CriteriaSetValues } from './criteriaForm.ts';

/**
 * State of the criteria-set editor: a new set, or a draft edited with the version it was
 * loaded at. On a 412 the user's input stays; `loadLatest` takes the newer version of each
 * part (name, description, the list) the user had not touched and keeps the rest.
 */
export function useCriteriaSetEditor() {
  const { saving, attempts, serverErrors, problem, conflict, mergedLatest, attempt } = useSaveAttempt(serverEditorErrors);
  const values = reactive(emptyValues());
  const loaded = shallowRef<CriteriaSet | null>(null);
  const base = shallowRef<CriteriaSetValues>(emptyValues());
  const loadError = shallowRef<ApiError | null>(null);
  const clientErrors = ref<FieldErrors>({});
  const errors = computed<FieldErrors>(() => ({ ...clientErrors.value, ...serverErrors.value }));

  function validate() {
    clientErrors.value = editorErrors(toPayload(values));
    return Object.keys(clientErrors.value).length === 0;
  }

  watch(values, () => {
    if (attempts.value > 0) validate();
    serverErrors.value = {};
  });

  function adopt(set: CriteriaSet) {
    loaded.value = set;
    base.value = toValues(set);
  }

  async function start(id: string | undefined) {
    if (!id) return;
    try {
      adopt(await getCriteriaSet(id));
      Object.assign(values, structuredClone(base.value));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      loadError.value = error;
    }
  }

  async function submit(): Promise<CriteriaSet | null> {
    return attempt(validate, async () => {
      const payload = toPayload(values);
      const current = loaded.value;
      if (!current) return await createCriteriaSet(payload as CriteriaSetCreate);
      const patch = changedParts(payload, toPayload(base.value));
      if (Object.keys(patch).length === 0) return current;
      const saved = await updateCriteriaSet(current.id, current.version, patch);
      conflict.value = false;
      return saved;
    });
  }

  async function loadLatest() {
    const current = loaded.value;
    if (!current) return;
    try {
      const latest = await getCriteriaSet(current.id);
      const theirs = toValues(latest);
      const mine = toPayload(values);
      const before = toPayload(base.value);
      if (mine.name === before.name) values.name = theirs.name;
      if (mine.description === before.description) values.description = theirs.description;
      if (JSON.stringify(mine.criteria) === JSON.stringify(before.criteria)) values.criteria = theirs.criteria;
      adopt(latest);
      conflict.value = false;
      mergedLatest.value = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.value = error;
    }
  }

  const rows = listRows(() => values.criteria, emptyRow);

  return { values, loaded, loadError, problem, saving, attempts, conflict, mergedLatest, errors, start, submit, loadLatest, rows };
}
