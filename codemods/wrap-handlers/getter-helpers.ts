import { OTEL_API_MODULE } from '../../src/catalog/otel-api.js';
import type { EditPlan } from '../../src/transform/edit-plan.js';
import { isTopLevelNameTaken } from '../../src/transform/imports.js';
import {
  getApiNames,
  INLINE_CARRIER_GETTERS,
  INLINE_CARRIER_READERS,
  findHelperInFile,
  renderHelpers,
  type ApiRefs,
  type HelperName,
  type InlineCarrierGetter,
  type InlineCarrierReader,
} from '../inject-propagation/helper-functions.js';
import type { WrapTarget } from './target.js';

type InlineReading = InlineCarrierGetter | InlineCarrierReader;

function getHelperName(reading: InlineReading): HelperName {
  return reading in INLINE_CARRIER_GETTERS ? INLINE_CARRIER_GETTERS[reading as InlineCarrierGetter].helper : INLINE_CARRIER_READERS[reading as InlineCarrierReader].helper;
}

function isHelperEvenWhenReadOnce(reading: InlineReading): boolean {
  return reading in INLINE_CARRIER_READERS && INLINE_CARRIER_READERS[reading as InlineCarrierReader].evenWhenReadOnce;
}

/**
 * The carriers the file reads (or decodes, like Kinesis data) through a helper function rather than inline: those the
 * targets read more than once (a batch span's links and the per-record spans, two consumers), those too long to read
 * inline (an SQS record with its body's fallback), and those whose helper the file already has (written by
 * inject-propagation or an earlier run, or imported from the `--helper` module).
 * Returns how the file calls each helper, planning the missing ones once at the end of the file.
 */
export function provideGetterHelpers(plan: EditPlan, targets: readonly WrapTarget[]): Partial<Record<InlineReading, string>> {
  const { sourceFile, path, style } = plan;
  const uses = new Map<InlineReading, number>();
  for (const target of targets) {
    // A handler of several triggers reads each trigger's carrier in the helpers that choose its span.
    const spans = [target, ...(target.triggers?.spans.map((trigger) => trigger.span) ?? [])];
    for (const reading of spans.flatMap((span) => [span.extraction, span.links])) {
      // A decoded carrier is read by its reader's helper; the getter beside it serves only the inline form.
      const key = reading?.decoding?.reader ?? reading?.getter;
      if (key && key !== 'default') uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  const refs: Partial<Record<InlineReading, string>> = {};
  const missing: HelperName[] = [];
  for (const [reading, count] of uses) {
    const helper = getHelperName(reading);
    const existing = findHelperInFile(sourceFile, helper);
    if (existing) refs[reading] = existing;
    else if ((count > 1 || isHelperEvenWhenReadOnce(reading)) && !isTopLevelNameTaken(sourceFile, helper)) {
      refs[reading] = helper;
      if (!missing.includes(helper)) missing.push(helper);
    }
  }
  if (missing.length === 0) return refs;
  const apiRefs = plan.importNames(OTEL_API_MODULE, getApiNames(missing)) as ApiRefs;
  plan.append(renderHelpers(missing, apiRefs, '', { javascript: /\.(c|m)?jsx?$/i.test(path), exported: false, style }));
  return refs;
}
