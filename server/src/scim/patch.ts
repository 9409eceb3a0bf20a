import { invalidSyntax, invalidValue, ScimError } from './errors.ts';
import { elementOf, matchesElement, parsePath, type ScimPath } from './paths.ts';
import { canonicalResource, canonicalValue, extensionNamed, isObject, patchOpSchema, type ResourceShape } from './schemas.ts';

// PATCH (RFC 7644 §3.5.2) is applied to the resource as SCIM shows it, in memory; the
// result is then saved like a PUT. So one mapping decides what a User or Group means,
// and an operation on an attribute Lagverk does not keep changes nothing. Entra ID's
// habits are accepted: capitalised ops ("Replace"), path-less values whose keys are
// paths ("name.givenName"), and removing list elements named in `value`.

export type PatchOp = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOp;
  path?: string;
  value?: unknown;
}

const maxOperations = 1000;

/** The operations of a PatchOp request body, checked for shape. */
export function readPatchRequest(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax('The body must be a PatchOp JSON object.');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(patchOpSchema)) throw invalidSyntax(`schemas must contain ${patchOpSchema}.`);
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax('Operations must be a non-empty list.');
  if (operations.length > maxOperations) throw new ScimError(413, `At most ${maxOperations} operations per request.`);
  return operations.map((operation: unknown, index) => {
    if (!isObject(operation)) throw invalidSyntax(`Operation ${index + 1} is not an object.`);
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax(`Operation ${index + 1}: op must be add, replace or remove.`);
    if (operation.path !== undefined && typeof operation.path !== 'string') throw invalidSyntax(`Operation ${index + 1}: path must be a string.`);
    if (op !== 'remove' && operation.value === undefined) throw invalidSyntax(`Operation ${index + 1}: ${op} needs a value.`);
    return { op, ...(operation.path !== undefined && { path: operation.path }), ...(operation.value !== undefined && { value: operation.value }) };
  });
}

/** `resource` with `operations` applied, in order; `resource` itself is left as it was. */
export function applyPatch(shape: ResourceShape, resource: Record<string, unknown>, operations: PatchOperation[]): Record<string, unknown> {
  const result = structuredClone(resource);
  for (const operation of operations) applyOperation(shape, result, operation);
  return result;
}

function applyOperation(shape: ResourceShape, resource: Record<string, unknown>, { op, path, value }: PatchOperation) {
  const wholeExtension = path !== undefined ? extensionNamed(shape, path.trim()) : undefined;
  if (path === undefined || wholeExtension) {
    // No path: the value holds attributes to add or replace (RFC 7644 §3.5.2.1 and .3).
    if (op === 'remove') throw new ScimError(400, 'remove needs a path.', 'noTarget');
    if (!isObject(value)) throw invalidValue('Without a path, value must be an object of attributes.');
    const attributes = wholeExtension ? { [wholeExtension]: value } : value;
    for (const [key, inner] of Object.entries(canonicalResource(shape, attributes))) {
      const extension = extensionNamed(shape, key);
      if (extension && isObject(inner)) {
        for (const [name, v] of Object.entries(inner)) applyAt(shape, resource, op, { extension, attribute: name }, v);
      } else {
        applyAt(shape, resource, op, parsePath(shape, key), inner);
      }
    }
    return;
  }
  applyAt(shape, resource, op, parsePath(shape, path), value);
}

function applyAt(shape: ResourceShape, resource: Record<string, unknown>, op: PatchOp, path: ScimPath, rawValue: unknown) {
  const container = path.extension ? objectAt(resource, path.extension) : resource;
  const { attribute, filter, subAttribute } = path;
  const value = canonicalValue(shape, rawValue);
  const multiValued = shape.multiValued.has(attribute) || Array.isArray(container[attribute]);

  if (filter) {
    // emails[type eq "work"].value, members[value eq "…"]
    const list = Array.isArray(container[attribute]) ? (container[attribute] as unknown[]) : [];
    const matching = list.filter((element) => matchesElement(shape, element, filter));
    if (op === 'remove') {
      if (subAttribute) for (const element of matching) delete (element as Record<string, unknown>)[subAttribute];
      else container[attribute] = list.filter((element) => !matching.includes(element));
      return;
    }
    const change = subAttribute ? { [subAttribute]: value } : value;
    if (!isObject(change)) throw invalidValue(`The value for ${attribute}[…] must be an object.`);
    // Entra ID sets emails[type eq "work"].value on a user who has no work email yet: made here.
    if (matching.length === 0) container[attribute] = [...list, { ...elementOf(shape, filter), ...change }];
    for (const element of matching) Object.assign(element as object, change);
    return;
  }

  if (subAttribute) {
    // name.givenName; on a list (emails.value) every element changes
    const current = container[attribute];
    if (Array.isArray(current)) {
      for (const element of current) if (isObject(element)) setOrRemove(element, subAttribute, op, value);
      if (current.length === 0 && op !== 'remove') container[attribute] = [{ [subAttribute]: value }];
      return;
    }
    setOrRemove(objectAt(container, attribute), subAttribute, op, value);
    return;
  }

  if (op === 'remove') {
    // Entra ID removes group members by naming them in value: [{ value: id }].
    if (multiValued && Array.isArray(value) && Array.isArray(container[attribute])) {
      const removed = new Set(value.map((v) => (isObject(v) ? String(v.value) : String(v))));
      container[attribute] = (container[attribute] as unknown[]).filter((element) => !(isObject(element) && removed.has(String(element.value))));
    } else {
      delete container[attribute];
    }
    return;
  }
  if (multiValued) {
    const values = Array.isArray(value) ? value : [value];
    const current = op === 'add' && Array.isArray(container[attribute]) ? (container[attribute] as unknown[]) : [];
    // Adding a value already there changes nothing (RFC 7644 §3.5.2.1).
    const fresh = values.filter((v) => !current.some((c) => isObject(c) && isObject(v) && v.value !== undefined && c.value === v.value));
    container[attribute] = [...current, ...fresh];
    return;
  }
  // A complex value is merged: sub-attributes not sent are kept (RFC 7644 §3.5.2.3).
  const current = container[attribute];
  container[attribute] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
}

function setOrRemove(target: Record<string, unknown>, key: string, op: PatchOp, value: unknown) {
  if (op === 'remove') delete target[key];
  else target[key] = value;
}

/** The object at `key`, made empty when there is none yet. */
function objectAt(container: Record<string, unknown>, key: string): Record<string, unknown> {
  const current = container[key];
  if (isObject(current)) return current;
  const made: Record<string, unknown> = {};
  container[key] = made;
  return made;
}
