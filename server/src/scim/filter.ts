import type { Expression, SqlBool } from 'kysely';
import { parse, type Filter } from 'scim2-parse-filter';
import { invalidFilter } from './errors.ts';

// SCIM list filters (RFC 7644 §3.4.2.2) become Kysely expressions. The parser is
// scim2-parse-filter; this file only walks its tree, and only through a whitelist: each
// resource names the attributes it can be filtered on and the expression `eq` means for
// each. Values are always bound parameters. Anything else (another operator, another
// attribute, a value of the wrong type) is a 400 invalidFilter, never a guess.

interface Combinable {
  and(expressions: Expression<SqlBool>[]): Expression<SqlBool>;
}

export type FilterAttribute<EB> =
  | { type: 'string'; eq: (eb: EB, value: string) => Expression<SqlBool> }
  | { type: 'boolean'; eq: (eb: EB, value: boolean) => Expression<SqlBool> };

/** Keyed by lower-case attribute path relative to the resource's core schema: `username`, `emails.value`. */
export type FilterAttributes<EB> = Record<string, FilterAttribute<EB>>;

export type FilterExpression<EB> = (eb: EB) => Expression<SqlBool>;

const supported = 'Only eq, and, and value paths such as emails[type eq "work"].value are supported';

/** Parses `text` and checks it against `attributes`: the expression is ready before any query runs. */
export function scimFilter<EB extends Combinable>(text: string, coreSchema: string, attributes: FilterAttributes<EB>): FilterExpression<EB> {
  let tree: Filter;
  try {
    tree = parse(text);
  } catch (error) {
    throw invalidFilter(`The filter is not valid SCIM filter syntax (${String((error as Error).message).slice(0, 200)}).`);
  }
  const corePrefix = `${coreSchema.toLowerCase()}:`;
  const nameOf = (attrPath: string) => {
    const lower = attrPath.toLowerCase();
    return lower.startsWith(corePrefix) ? lower.slice(corePrefix.length) : lower;
  };
  const filterable = Object.keys(attributes).join(', ');

  function compile(node: Filter, prefix: string): FilterExpression<EB> {
    if (node.op === 'and') {
      const parts = node.filters.map((f) => compile(f, prefix));
      return (eb) => eb.and(parts.map((part) => part(eb)));
    }
    if (node.op === '[]') {
      // emails[type eq "work"]: the inner filter's attributes are the list's sub-attributes.
      const list = nameOf(node.attrPath);
      if (prefix || !Object.keys(attributes).some((key) => key.startsWith(`${list}.`))) {
        throw invalidFilter(`Filtering on ${node.attrPath}[…] is not supported. ${supported}, on ${filterable}.`);
      }
      return compile(node.valFilter, `${list}.`);
    }
    if (node.op === 'eq') {
      const name = prefix + nameOf(node.attrPath);
      const attribute = attributes[name];
      if (!attribute) throw invalidFilter(`Filtering on ${node.attrPath} is not supported; filter on ${filterable}.`);
      const value = node.compValue;
      if (attribute.type === 'string') {
        if (typeof value !== 'string') throw invalidFilter(`${node.attrPath} is compared with a string, such as "abc".`);
        return (eb) => attribute.eq(eb, value);
      }
      if (typeof value !== 'boolean') throw invalidFilter(`${node.attrPath} is compared with true or false.`);
      return (eb) => attribute.eq(eb, value);
    }
    throw invalidFilter(`The ${node.op} operator is not supported. ${supported}.`);
  }
  return compile(tree, '');
}
