import type { Unit } from '@lagverk/shared';
import { inputText, optionalText, requiredText } from '../forms/formValues.ts';

export interface UnitFormValues extends Record<string, string> {
  name: string;
  kind: string;
  parentId: string;
  managerId: string;
  description: string;
  externalId: string;
}

export const unitFields = ['name', 'kind', 'parentId', 'managerId', 'description', 'externalId'] as const;

export const emptyUnitValues = (): UnitFormValues => ({
  name: '', kind: '', parentId: '', managerId: '', description: '', externalId: '',
});

export const unitToValues = (unit: Unit): UnitFormValues => ({
  name: unit.name,
  kind: unit.kind,
  parentId: inputText(unit.parentId),
  managerId: inputText(unit.managerId),
  description: inputText(unit.description),
  externalId: inputText(unit.externalId),
});

export const unitPayload = (values: UnitFormValues) => ({
  name: requiredText(values.name),
  kind: values.kind,
  parentId: optionalText(values.parentId),
  managerId: optionalText(values.managerId),
  description: optionalText(values.description),
  externalId: optionalText(values.externalId),
});
