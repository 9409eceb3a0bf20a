import type { Assessment, CriteriaSet, Team } from '@lagverk/shared';
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { ApiError } from '../api/client.ts';
import { currentEstablishmentSet, getCriteriaSet } from '../criteria/api.ts';
import { getAssessment } from './api.ts';
import { answerInputs, answerValue, meets, type AnswerInputs } from './assessment.ts';

/**
 * A team's assessment with the criteria it answers: the set it was assessed against, or
 * for a first assessment the newest published establishment set. `inputs` is what the
 * checklist edits; `unmet` follows the inputs as they change.
 */
export function useTeamAssessment(team: Ref<Team | null>) {
  const set = shallowRef<CriteriaSet | null>(null);
  const assessment = shallowRef<Assessment | null>(null);
  const inputs = ref<AnswerInputs>({});
  const error = shallowRef<ApiError | null>(null);
  const loaded = ref(false);

  async function load() {
    const current = team.value;
    if (!current) return;
    try {
      const saved = await getAssessment(current.id);
      // A set superseded since the team was assessed is re-assessed against the current one while it can change.
      const editable = current.status === 'draft' || current.status === 'rejected';
      let criteriaSet = saved.criteriaSetId ? await getCriteriaSet(saved.criteriaSetId) : null;
      if (!criteriaSet || (editable && criteriaSet.status !== 'published')) criteriaSet = (await currentEstablishmentSet()) ?? criteriaSet;
      assessment.value = saved;
      set.value = criteriaSet;
      inputs.value = answerInputs(criteriaSet?.criteria ?? [], saved.criteriaSetId === criteriaSet?.id ? saved : null);
      error.value = null;
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      error.value = caught;
    } finally {
      loaded.value = true;
    }
  }

  watch(() => team.value?.id, load, { immediate: true });

  const unmet = computed(() => new Set(
    (set.value?.criteria ?? [])
      .filter((c) => c.required && !meets(c, answerValue(c, inputs.value[c.id]?.value ?? '')))
      .map((c) => c.id),
  ));

  return { set, assessment, inputs, error, loaded, unmet, reload: load };
}
