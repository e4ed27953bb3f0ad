import * as stable from '@opentelemetry/semantic-conventions';
import * as incubating from '@opentelemetry/semantic-conventions/incubating';

let constants: Map<string, string> | undefined;

/**
 * Every string constant the installed `@opentelemetry/semantic-conventions` exports, by name:
 * `ATTR_HTTP_REQUEST_METHOD` → `http.request.method`, and for the older objects
 * `SemanticAttributes.HTTP_METHOD` → `http.method`. Built once, on first use.
 */
export function getSemconvConstants(): ReadonlyMap<string, string> {
  if (constants) return constants;
  const map = new Map<string, string>();
  for (const entryPoint of [incubating, stable] as Record<string, unknown>[]) {
    for (const [name, value] of Object.entries(entryPoint)) {
      if (typeof value === 'string') {
        map.set(name, value);
      } else if (value !== null && typeof value === 'object') {
        for (const [member, memberValue] of Object.entries(value as Record<string, unknown>)) {
          if (typeof memberValue === 'string') map.set(`${name}.${member}`, memberValue);
        }
      }
    }
  }
  constants = map;
  return map;
}

/** The string value of a semantic-convention constant (`ATTR_USER_EMAIL`, `SemanticAttributes.HTTP_URL`), if it is one. */
export function getSemconvValue(name: string): string | undefined {
  return getSemconvConstants().get(name);
}
