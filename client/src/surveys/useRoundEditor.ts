import type { SurveyRound, SurveyRoundCreate, SurveyRoundPatch } from '@lagverk/shared';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/client.ts';
import { problemErrors, type FieldErrors } from '../forms/fieldErrors.ts';
import { useSaveAttempt } from '../forms/useSaveAttempt.ts';
import { createRound, getRound, updateRound } from './api.ts';
import { emptyRoundValues, roundErrors, roundPayload, roundToValues, type RoundValues } from './roundForm.ts';

/**
 * State of the round editor: a new round, or one edited with the version it was loaded at.
 * A PATCH sends only the fields the user changed (an open round allows its name and
 * closing time only). On a 412 the input stays; `loadLatest` takes the newer value of
 * every field the user had not touched.
 */
export function useRoundEditor() {
  const { saving, attempts, serverErrors, problem, conflict, mergedLatest, attempt } = useSaveAttempt((error) => problemErrors(error).fields);
  const values = reactive(emptyRoundValues());
  const loaded = shallowRef<SurveyRound | null>(null);
  const base = shallowRef<RoundValues>(emptyRoundValues());
  const loadError = shallowRef<ApiError | null>(null);
  const clientErrors = ref<FieldErrors>({});
  const errors = computed<FieldErrors>(() => ({ ...clientErrors.value, ...serverErrors.value }));

  function validate() {
    clientErrors.value = roundErrors(roundPayload(values));
    return Object.keys(clientErrors.value).length === 0;
  }

  watch(values, () => {
    if (attempts.value > 0) validate();
    serverErrors.value = {};
  });

  function adopt(round: SurveyRound) {
    loaded.value = round;
    base.value = roundToValues(round);
  }

  async function start(id: string | undefined, templateId: string) {
    if (!id) {
      values.templateId = templateId;
      return;
    }
    try {
      adopt(await getRound(id));
      Object.assign(values, base.value);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      loadError.value = error;
    }
  }

  async function submit(): Promise<SurveyRound | null> {
    return attempt(validate, async () => {
      const payload = roundPayload(values);
      const current = loaded.value;
      if (!current) return await createRound(payload as SurveyRoundCreate);
      const before = roundPayload(base.value) as Record<string, unknown>;
      const patch: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(payload)) if (JSON.stringify(value) !== JSON.stringify(before[key])) patch[key] = value;
      if (Object.keys(patch).length === 0) return current;
      const saved = await updateRound(current.id, current.version, patch as SurveyRoundPatch);
      conflict.value = false;
      return saved;
    });
  }

  async function loadLatest() {
    const current = loaded.value;
    if (!current) return;
    try {
      const latest = await getRound(current.id);
      const theirs = roundToValues(latest);
      for (const key of Object.keys(theirs) as (keyof RoundValues)[]) if (values[key] === base.value[key]) values[key] = theirs[key];
      adopt(latest);
      conflict.value = false;
      mergedLatest.value = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.value = error;
    }
  }

  return { values, loaded, loadError, problem, saving, attempts, conflict, mergedLatest, errors, start, submit, loadLatest };
}
