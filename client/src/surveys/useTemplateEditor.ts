import type { SurveyTemplate, SurveyTemplateCreate, SurveyTemplatePatch } from '@lagverk/shared';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/client.ts';
import { serverEditorErrors } from '../criteria/criteriaForm.ts';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { listRows } from '../forms/listRows.ts';
import { useSaveAttempt } from '../forms/useSaveAttempt.ts';
import { createTemplate, getTemplate, replaceQuestions, updateTemplate } from './api.ts';
import { emptyQuestion, emptyTemplateValues, templateErrors, templatePayload, templateToValues, type TemplateValues } from './templateForm.ts';

const detailFields = ['name', 'description', 'language', 'audience'] as const;

/**
 * State of the template editor: a new template, or one edited with the version it was
 * loaded at. The details are a PATCH and the questions a PUT of the whole list; each is
 * sent only when it changed. On a 412 the user's input stays; `loadLatest` takes the newer
 * value of every part the user had not touched.
 */
export function useTemplateEditor() {
  const { saving, attempts, serverErrors, problem, conflict, mergedLatest, attempt } = useSaveAttempt(serverEditorErrors);
  const values = reactive(emptyTemplateValues());
  const loaded = shallowRef<SurveyTemplate | null>(null);
  const base = shallowRef<TemplateValues>(emptyTemplateValues());
  const loadError = shallowRef<ApiError | null>(null);
  const clientErrors = ref<FieldErrors>({});
  const errors = computed<FieldErrors>(() => ({ ...clientErrors.value, ...serverErrors.value }));

  function validate() {
    clientErrors.value = templateErrors(templatePayload(values));
    return Object.keys(clientErrors.value).length === 0;
  }

  watch(values, () => {
    if (attempts.value > 0) validate();
    serverErrors.value = {};
  });

  function adopt(template: SurveyTemplate) {
    loaded.value = template;
    base.value = templateToValues(template);
  }

  async function start(id: string | undefined, language: string) {
    if (!id) {
      values.language = language;
      return;
    }
    try {
      adopt(await getTemplate(id));
      Object.assign(values, structuredClone(base.value));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      loadError.value = error;
    }
  }

  async function submit(): Promise<SurveyTemplate | null> {
    return attempt(validate, async () => {
      const payload = templatePayload(values);
      let current = loaded.value;
      if (!current) return await createTemplate(payload as SurveyTemplateCreate);
      const before = templatePayload(base.value);
      const patch: Record<string, unknown> = {};
      for (const key of detailFields) if (payload[key] !== before[key]) patch[key] = payload[key];
      if (Object.keys(patch).length > 0) {
        current = await updateTemplate(current.id, current.version, patch as SurveyTemplatePatch);
        // Saved: should the questions be refused next, the details are not sent again.
        adopt(current);
      }
      if (JSON.stringify(payload.questions) !== JSON.stringify(before.questions)) {
        current = await replaceQuestions(current.id, current.version, { questions: payload.questions });
        adopt(current);
      }
      conflict.value = false;
      return current;
    });
  }

  async function loadLatest() {
    const current = loaded.value;
    if (!current) return;
    try {
      const latest = await getTemplate(current.id);
      const theirs = templateToValues(latest);
      const mine = templatePayload(values);
      const before = templatePayload(base.value);
      for (const key of detailFields) if (mine[key] === before[key]) values[key] = theirs[key];
      if (JSON.stringify(mine.questions) === JSON.stringify(before.questions)) values.questions = theirs.questions;
      adopt(latest);
      conflict.value = false;
      mergedLatest.value = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.value = error;
    }
  }

  const rows = listRows(() => values.questions, emptyQuestion);

  return { values, loaded, loadError, problem, saving, attempts, conflict, mergedLatest, errors, start, submit, loadLatest, rows };
}
