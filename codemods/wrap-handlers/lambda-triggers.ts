import { LAMBDA_DATASOURCE_EVENT_SHAPE, LAMBDA_HTTP_EVENT_SHAPE, LAMBDA_RECORD_SOURCE_FIELDS } from '../../src/catalog/entry-points.js';
import { CONSUME_OPERATIONS, type LambdaEventShape } from '../../src/catalog/messaging/index.js';
import { detectFileStyle, type FileStyle } from '../../src/transform/file-style.js';
import { DEFAULT_LINE_WIDTH } from '../../src/transform/line-width.js';
import { renderObjectOnOneLine, renderObjectOverLines } from '../../src/transform/object-literal.js';
import { restyleCode } from '../../src/transform/restyle.js';
import { renderSpanSpec, type ApiRefs } from './render.js';
import { getAccessPath, type WrapTarget } from './target.js';

/**
 * A Lambda handler that serves several triggers (`if (event.Records) … else if (event['detail-type']) …`) gets one
 * span whose options and parent are chosen at run time by what invoked it. Three small functions, written once per
 * file, make the choice: the trigger, read off the event's shape as the catalog describes it, then the span options and
 * the parent context for that trigger, each the span a handler of that trigger alone would get.
 */
export const LAMBDA_TRIGGER_HELPERS = {
  trigger: 'getLambdaTrigger',
  options: 'getLambdaTriggerSpanOptions',
  parent: 'getLambdaTriggerParentContext',
} as const;

/** The span a handler of one trigger gets (kind, attributes, carrier or links), and the trigger's name at run time. */
export interface TriggerSpan {
  trigger: string;
  span: WrapTarget;
}

/** Every shape the catalog knows, records first: an HTTP event has no `Records`, and a record's source is exact. */
const EVENT_SHAPES: readonly LambdaEventShape[] = [
  ...CONSUME_OPERATIONS.flatMap((operation) => operation.matchers.flatMap((matcher) => (matcher.kind === 'lambda-handler' && matcher.eventShape ? [matcher.eventShape] : []))),
  LAMBDA_DATASOURCE_EVENT_SHAPE,
  LAMBDA_HTTP_EVENT_SHAPE,
];

/** The name `getLambdaTrigger` returns for events of this shape. */
export function getTriggerName(shape: LambdaEventShape): string {
  return 'recordEventSource' in shape ? shape.recordEventSource : shape.trigger;
}

/** The three helpers' code, in the file's style; `refs` as the file names the API (and the carrier helpers it has). */
export function renderLambdaTriggerHelpers(spans: readonly TriggerSpan[], refs: ApiRefs, options: { typescript: boolean; style: FileStyle }): string {
  // Written in the house style and restyled once, as the other helpers are.
  const house = { ...detectFileStyle(''), lineWidth: options.style.lineWidth ?? DEFAULT_LINE_WIDTH };
  // Any event: the records' callbacks (`(record) => …`) read whatever fields their trigger has.
  const eventType = options.typescript ? ': { Records: any[]; [field: string]: any }' : '';
  const { trigger, options: spanOptions, parent } = LAMBDA_TRIGGER_HELPERS;
  const fieldTests = EVENT_SHAPES.flatMap((shape) =>
    'eventFields' in shape ? [`  if (${shape.eventFields.map((field) => `${getAccessPath('event', [field], true, "'")} !== undefined`).join(' || ')}) return ${quote(shape.trigger)};`] : [],
  );
  const active = `${refs.context}.active()`;
  const optionCases: string[] = [];
  const parentCases: string[] = [];
  for (const { trigger: name, span } of spans) {
    const spec = renderSpanSpec(span, { ...refs, activeContext: active }, span.kind === 'http' ? 'SERVER' : span.kind, house);
    const members = typeof spec.options === 'string' ? spec.options : renderObjectOnOneLine(spec.options);
    const oneLine = `      return ${members};`;
    const rendered =
      oneLine.length <= house.lineWidth || typeof spec.options === 'string'
        ? oneLine
        : `      return ${renderObjectOverLines(spec.options, { indent: '      ', indentUnit: '  ', eol: '\n', semicolons: true, width: house.lineWidth })};`;
    optionCases.push(`    case ${quote(name)}:`, rendered);
    if (spec.parentContext) parentCases.push(`    case ${quote(name)}:`, `      return ${spec.parentContext};`);
  }
  const code = [
    `/** What invoked the function, read off the event: the source Lambda writes on its records, or a field only that event has. */`,
    `function ${trigger}(event${eventType}) {`,
    '  const record = event?.Records?.[0];',
    `  if (record !== undefined) return ${LAMBDA_RECORD_SOURCE_FIELDS.map((field) => getAccessPath('record', [field], false, "'")).join(' ?? ')};`,
    ...fieldTests,
    '  return undefined;',
    '}',
    '',
    `/** The options of the invocation's span for what invoked the function: kind, \`faas.trigger\`, a batch's links to its records. */`,
    `function ${spanOptions}(event${eventType}) {`,
    `  switch (${trigger}(event)) {`,
    ...optionCases,
    '    default:',
    `      return { kind: ${refs.spanKind}.SERVER };`,
    '  }',
    '}',
  ];
  // Only where a trigger carries a parent (see renderSpanSpec): queues and streams link to their records instead.
  if (parentCases.length > 0) {
    code.push(
      '',
      `/** The parent of the invocation's span: the trace context the caller or the producer sent, where the trigger carries one. */`,
      `function ${parent}(event${eventType}) {`,
      `  switch (${trigger}(event)) {`,
      ...parentCases,
      '    default:',
      `      return ${active};`,
      '  }',
      '}',
    );
  }
  return restyleCode(code.join('\n'), options.style);
}

function quote(value: string): string {
  return `'${value}'`;
}
