// The request-body JSON schemas (api/schemas.ts) applied without the server: hd import checks each
// line with the schema POST uses, and says what is wrong the way the API does ("body/description
// must be string"). Only the keywords those schemas use are known here; an unknown one throws,
// so a schema growing past this checker fails its tests rather than passing bodies unchecked.
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  'type',
  'additionalProperties',
  'required',
  'properties',
  'enum',
  'maxLength',
  'maxItems',
  'minProperties',
  'items',
]);

const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** The first problem of `value` against `schema`, as the API words it; null when it fits. */
export function schemaProblem(schema: Schema, value: unknown, where = 'body'): string | null {
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k)) throw new Error(`schema-check: unknown keyword ${k} at ${where}`);
  const type = schema.type as string | undefined;
  if (type !== undefined && typeOf(value) !== type) return `${where} must be ${type}`;
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    return `${where} must be equal to one of the allowed values: ${(schema.enum as unknown[]).join(', ')}`;
  if (
    typeof value === 'string' &&
    schema.maxLength !== undefined &&
    [...value].length > (schema.maxLength as number)
  )
    return `${where} must NOT have more than ${schema.maxLength} characters`;
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > (schema.maxItems as number))
      return `${where} must NOT have more than ${schema.maxItems} items`;
    if (schema.items)
      for (const [i, item] of value.entries()) {
        const p = schemaProblem(schema.items as Schema, item, `${where}/${i}`);
        if (p) return p;
      }
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    if (schema.minProperties !== undefined && Object.keys(obj).length < (schema.minProperties as number))
      return `${where} must NOT have fewer than ${schema.minProperties} properties`;
    for (const r of (schema.required as string[] | undefined) ?? [])
      if (obj[r] === undefined) return `${where} must have required property '${r}'`;
    for (const [k, v] of Object.entries(obj)) {
      if (!(k in props)) {
        if (schema.additionalProperties === false)
          return `${where} has the unknown field "${k}"; unknown fields are refused`;
        continue;
      }
      const p = schemaProblem(props[k]!, v, `${where}/${k}`);
      if (p) return p;
    }
  }
  return null;
}
