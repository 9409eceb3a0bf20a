import type { Composer } from 'vue-i18n';

type Translate = Pick<Composer, 't' | 'te'>;

/** A column name in the user's language where it has one; otherwise the name as stored. */
export function fieldLabel({ t, te }: Translate, field: string): string {
  const key = `audit.fields.${field}`;
  return te(key) ? t(key) : field;
}

/** Unit references shown by the unit's name where the client knows it. */
const unitFields = new Set(['unit_id', 'parent_id']);

/** A recorded value as text: units and roles by their names, yes/no, lists joined, the rest as JSON. */
export function valueText({ t, te }: Translate, field: string, value: unknown, unitName?: (id: string) => string | undefined): string {
  if (value === null || value === '') return t('common.empty');
  if (typeof value === 'string' && unitFields.has(field)) return unitName?.(value) ?? value;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    if (value.length === 0) return t('common.empty');
    if (field === 'roles') return value.map((role) => (te(`roles.${role}`) ? t(`roles.${role}`) : role)).join(', ');
    return value.join(', ');
  }
  return JSON.stringify(value);
}
