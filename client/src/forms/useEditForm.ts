import type { TSchema } from 'typebox';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/client.ts';
import { problemErrors, schemaErrors, type FieldErrors } from './fieldErrors.ts';
import { useSaveAttempt } from './useSaveAttempt.ts';

export type FormValues = Record<string, string>;
type Payload = Record<string, unknown>;

export interface EditFormOptions<R extends { id: string; version: number }, V extends FormValues> {
  /** The create schema from @lagverk/shared; edit forms hold the same fields. */
  schema: TSchema;
  empty: () => V;
  toValues: (resource: R) => V;
  toPayload: (values: V) => Payload;
  load: (id: string) => Promise<R>;
  create: (payload: Payload) => Promise<R>;
  update: (id: string, version: number, patch: Payload) => Promise<R>;
  /** Server refusals in the form's own words; by default the problem's field errors as they come. */
  toFieldErrors?: (error: ApiError) => FieldErrors;
}

/** The fields whose value differs from what was loaded: a PATCH sends only the user's edits. */
function changedFields(next: Payload, before: Payload): Payload {
  const patch: Payload = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(before[key])) patch[key] = value;
  }
  return patch;
}

/**
 * State of a create or edit form. An edit is sent with the version it started from; when
 * someone else saved in between (412) the user's input stays, and `loadLatest` merges the
 * newer version in: fields the user did not touch take the new value, fields both changed
 * keep the user's value and show the other one beside it (`theirs`).
 */
export function useEditForm<R extends { id: string; version: number }, V extends FormValues>(options: EditFormOptions<R, V>) {
  const { saving, attempts, serverErrors, problem, conflict, mergedLatest, attempt } = useSaveAttempt(
    options.toFieldErrors ?? ((error) => problemErrors(error).fields),
  );
  const values = reactive(options.empty()) as V;
  const loaded = shallowRef<R | null>(null);
  const base = shallowRef<V>(options.empty());
  const loading = ref(false);
  const loadError = shallowRef<ApiError | null>(null);
  const clientErrors = ref<FieldErrors>({});
  const theirs = ref<Partial<Record<keyof V, string>>>({});

  const errors = computed<FieldErrors>(() => ({ ...clientErrors.value, ...serverErrors.value }));

  function validate() {
    clientErrors.value = schemaErrors(options.schema, options.toPayload(values));
    return Object.keys(clientErrors.value).length === 0;
  }

  // After the first attempt, messages follow the input as the user corrects it.
  watch(values, () => {
    if (attempts.value > 0) validate();
    serverErrors.value = {};
  });

  async function start(id: string | undefined) {
    if (!id) return;
    loading.value = true;
    try {
      adopt(await options.load(id));
      Object.assign(values, base.value);
      loadError.value = null;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      loadError.value = error;
    } finally {
      loading.value = false;
    }
  }

  function adopt(resource: R) {
    loaded.value = resource;
    base.value = options.toValues(resource);
  }

  async function submit(): Promise<R | null> {
    return attempt(validate, async () => {
      const payload = options.toPayload(values);
      const current = loaded.value;
      if (!current) return await options.create(payload);
      const patch = changedFields(payload, options.toPayload(base.value));
      if (Object.keys(patch).length === 0) return current;
      const saved = await options.update(current.id, current.version, patch);
      conflict.value = false;
      return saved;
    });
  }

  async function loadLatest() {
    const current = loaded.value;
    if (!current) return;
    try {
      const latest = await options.load(current.id);
      const latestValues = options.toValues(latest);
      const differing: Partial<Record<keyof V, string>> = {};
      for (const key of Object.keys(latestValues) as (keyof V)[]) {
        const mine = values[key];
        if (mine === base.value[key]) values[key] = latestValues[key];
        else if (mine !== latestValues[key]) differing[key] = latestValues[key];
      }
      adopt(latest);
      theirs.value = differing;
      conflict.value = false;
      mergedLatest.value = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem.value = error;
    }
  }

  function useTheirs(field: keyof V) {
    const value = theirs.value[field];
    if (value !== undefined) values[field] = value as V[keyof V];
    const rest = { ...theirs.value };
    delete rest[field];
    theirs.value = rest;
  }

  return {
    values, loaded, loading, loadError, saving, attempts, errors, problem, conflict, mergedLatest, theirs,
    start, submit, loadLatest, useTheirs,
  };
}
