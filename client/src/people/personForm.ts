import type { Person } from '@lagverk/shared';
import { inputText, optionalText, requiredText } from '../forms/formValues.ts';

export interface PersonFormValues extends Record<string, string> {
  name: string;
  email: string;
  phone: string;
  title: string;
  profession: string;
  unitId: string;
  externalId: string;
}

export const emptyPersonValues = (): PersonFormValues => ({
  name: '', email: '', phone: '', title: '', profession: '', unitId: '', externalId: '',
});

export const personToValues = (person: Person): PersonFormValues => ({
  name: person.name,
  email: inputText(person.email),
  phone: inputText(person.phone),
  title: inputText(person.title),
  profession: inputText(person.profession),
  unitId: inputText(person.unitId),
  externalId: inputText(person.externalId),
});

export const personPayload = (values: PersonFormValues) => ({
  name: requiredText(values.name),
  email: optionalText(values.email),
  phone: optionalText(values.phone),
  title: optionalText(values.title),
  profession: optionalText(values.profession),
  unitId: optionalText(values.unitId),
  externalId: optionalText(values.externalId),
});
