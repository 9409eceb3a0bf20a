import type { CriteriaSet, EvaluationAssessment } from '@lagverk/shared';
import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/client.ts';
import { useSaveAttempt } from '../forms/useSaveAttempt.ts';
import { getEvaluation, saveAssessment, submitAssessment } from './api.ts';
import { evaluationInputs, evaluationPayload, invalidNumbers, mergeLatest, unanswered } from './evaluationForm.ts';

/** Why a criterion holds up saving or submitting. */
export type AnswerProblem = 'number' | 'missing';

/**
 * One part of an evaluation being answered, from the version of the part it was loaded at.
 * Saving keeps it a draft; submitting saves first and then hands it in, which needs every
 * criterion answered. On a 412 the input stays, and `loadLatest` takes the newer answers
 * of the criteria the user had not touched.
 */
export function useEvaluationPartForm(teamId: () => string, evaluationId: () => string, set: () => CriteriaSet, initial: EvaluationAssessment) {
  const { saving, attempts, problem, conflict, mergedLatest, attempt } = useSaveAttempt(() => ({}));
  const loaded = shallowRef<EvaluationAssessment>(initial);
  const base = shallowRef(evaluationInputs(set().criteria, initial));
  const inputs = ref(evaluationInputs(set().criteria, initial));
  const problems = ref<Record<string, AnswerProblem>>({});
  let checkingSubmit = false;

  function check(forSubmit: boolean) {
    const criteria = set().criteria;
    const next: Record<string, AnswerProblem> = {};
    if (forSubmit) for (const id of unanswered(criteria, inputs.value)) next[id] = 'missing';
    for (const id of invalidNumbers(criteria, inputs.value)) next[id] = 'number';
    problems.value = next;
    return Object.keys(next).length === 0;
  }

  // After a failed attempt, the messages follow the input as the user corrects it.
  watch(inputs, () => {
    if (attempts.value > 0) check(checkingSubmit);
  }, { deep: true });

  const changed = computed(() => JSON.stringify(inputs.value) !== JSON.stringify(base.value));

  /** The part as saved: sent only when something changed or a criterion has never been saved. */
  async function put(): Promise<EvaluationAssessment> {
    if (!changed.value && loaded.value.answers.length === set().criteria.length) return loaded.value;
    const saved = await saveAssessment(teamId(), evaluationId(), loaded.value, evaluationPayload(set().criteria, inputs.value));
    loaded.value = saved;
    base.value = evaluationInputs(set().criteria, saved);
    return saved;
  }

  /** Saves the draft; true when it was saved. */
  async function save(): Promise<boolean> {
    checkingSubmit = false;
    return (await attempt(() => check(false), async () => {
      await put();
      return true;
    })) ?? false;
  }

  /** Whether the part can be submitted as it stands (asked before the confirm dialog opens). */
  function readyToSubmit(): boolean {
    checkingSubmit = true;
    attempts.value += 1;
    problem.value = null;
    return check(true);
  }

  /** Saves, then submits from the version the save made. */
  async function submit(): Promise<boolean> {
    checkingSubmit = true;
    return (await attempt(() => check(true), async () => {
      await submitAssessment(teamId(), evaluationId(), await put());
      return true;
    })) ?? false;
  }

  async function loadLatest() {
    try {
      const latest = (await getEvaluation(teamId(), evaluationId())).assessments[loaded.value.part];
      const theirs = evaluationInputs(set().criteria, latest);
      inputs.value = mergeLatest(set().criteria, inputs.value, base.value, theirs);
      loaded.value = latest;
      base.value = theirs;
      conflict.value = false;
      mergedLatest.value = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.value = error;
    }
  }

  return { inputs, loaded, problems, problem, saving, attempts, conflict, mergedLatest, changed, save, submit, readyToSubmit, loadLatest };
}
