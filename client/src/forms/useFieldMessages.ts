import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldErrors } from './fieldErrors.ts';
import { validationMessage } from './validationMessage.ts';

/** Translated messages per field, and the list for the error summary. */
export function useFieldMessages(errors: Ref<FieldErrors>, labels: () => Record<string, string>, idPrefix: string) {
  const i18n = useI18n();
  const messages = computed(() => {
    const out: Record<string, string> = {};
    for (const [field, error] of Object.entries(errors.value)) out[field] = validationMessage(i18n, field, error);
    return out;
  });
  const summary = computed(() => {
    const names = labels();
    // Summary in the order the fields appear in the form.
    return Object.keys(names)
      .filter((field) => messages.value[field])
      .map((field) => ({ id: `${idPrefix}-${field}`, text: `${names[field]}: ${messages.value[field]}` }));
  });
  return { messages, summary };
}
