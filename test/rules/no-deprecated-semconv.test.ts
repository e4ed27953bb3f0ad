import rule from '../../rules/no-deprecated-semconv.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

const STABLE = "'@opentelemetry/semantic-conventions'";
const INCUBATING = "'@opentelemetry/semantic-conventions/incubating'";

ruleTester.run('no-deprecated-semconv', rule, {
  valid: [
    // the stable constant
    `import { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, method);`,
    // an incubating constant that is not deprecated
    `import { ATTR_USER_ID } from ${INCUBATING};\nspan.setAttribute(ATTR_USER_ID, id);`,
    // a constant of the project's own with a deprecated-looking name
    `const SEMATTRS_HTTP_METHOD = 'http.request.method';\nspan.setAttribute(SEMATTRS_HTTP_METHOD, method);`,
    // a parameter shadows the import
    `import { SEMATTRS_HTTP_METHOD } from ${STABLE};\nexport { SEMATTRS_HTTP_METHOD };\nfunction f(SEMATTRS_HTTP_METHOD) { span.setAttribute(SEMATTRS_HTTP_METHOD, 1); }`,
    // a re-export from the package does not use the constant here
    `export { SEMATTRS_HTTP_METHOD } from ${STABLE};`,
    // re-exporting an import keeps this module's API: left alone
    `import { SEMATTRS_DB_STATEMENT } from ${STABLE};\nexport { SEMATTRS_DB_STATEMENT };`,
    // a type-only import holds no value
    `import type { SemanticAttributes } from ${STABLE};\ntype Keys = keyof SemanticAttributes;`,
    // the map used as a whole (not a member) has no single replacement
    `import { SemanticAttributes } from ${STABLE};\nconst all = Object.values(SemanticAttributes);`,
    // a current constant through a namespace import
    `import * as semconv from ${STABLE};\nspan.setAttribute(semconv.ATTR_HTTP_ROUTE, route);`,
    // a computed member of the namespace cannot be judged
    `import * as semconv from ${STABLE};\nspan.setAttribute(semconv[name], value);`,
    // a map member that is not in the map
    `import { SemanticAttributes } from ${STABLE};\nspan.setAttribute(SemanticAttributes.NOT_A_MEMBER, value);`,
    // the current key
    `span.setAttribute('http.request.method', method);`,
    // a deprecated key outside an attribute sink: a config object, not telemetry
    `const config = { 'http.method': 'GET' };`,
    // a map lookup with a key that happens to match
    `headers.get('http.status_code');`,
    // a template literal with an expression cannot be judged
    "span.setAttribute(`http.${field}`, value);",
    // a key of the project's own namespace containing a deprecated key as a suffix
    `span.setAttribute('app.http.method', method);`,
    // a computed key from a variable
    `span.setAttributes({ [key]: value });`,
    // startSpan on something that is not a tracer: attributes not span attributes
    `queue.startSpan('job', { attributes: { 'http.method': 'GET' } });`,
    // a span name that looks like a key is not an attribute
    `tracer.startSpan('db.statement');`,
    // an identifier key cannot hold a dotted name
    `span.setAttributes({ method: 'GET', status: 200 });`,
    // the value (not the key) is a deprecated key string
    `span.setAttribute('app.legacy_key', 'http.method');`,
    // current keys in setAttributes
    `span.setAttributes({ 'url.full': url, 'server.address': host, 'db.query.text': sql });`,
    // a type-only namespace import holds no value
    `import type * as semconv from ${STABLE};\ntype Method = typeof semconv.SEMATTRS_HTTP_METHOD;`,
    // a package with a similar name is not the semantic conventions
    `import { SEMATTRS_HTTP_METHOD } from '@opentelemetry/semantic-conventions-extra';\nspan.setAttribute(SEMATTRS_HTTP_METHOD, m);`,
    // a deprecated key inside a log message
    `logger.info('http.method was renamed');`,
    // a status message is not an attribute key
    `span.setStatus({ code: 2, message: 'db.statement failed' });`,
    // attributes passed by shorthand: the object is built elsewhere
    `tracer.startSpan('work', { attributes });`,
    // a current stable constant reached through require
    `const { ATTR_HTTP_ROUTE } = require(${STABLE});\nspan.setAttribute(ATTR_HTTP_ROUTE, route);`,
    // TODO: should report deprecated value constants (DBSYSTEMVALUES_*): they are values, not keys, and are not in the table
    `import { DBSYSTEMVALUES_POSTGRESQL, ATTR_DB_SYSTEM_NAME } from ${STABLE};\nspan.setAttribute(ATTR_DB_SYSTEM_NAME, DBSYSTEMVALUES_POSTGRESQL);`,
    // GenAI keys are current: the package's "Moved to the GenAI semantic conventions repository" is a relocation
    `span.setAttributes({ 'gen_ai.request.model': model, 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': usage.prompt_tokens });`,
    // the GenAI constants from the incubating entry point, likewise relocated, not deprecated
    `import { ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL } from ${INCUBATING};\nspan.setAttributes({ [ATTR_GEN_AI_REQUEST_MODEL]: req.model, [ATTR_GEN_AI_RESPONSE_MODEL]: res.model });`,
    // a span processor reading the old key as a fallback for spans recorded by older instrumentation: a read, not a write
    `import { ATTR_HTTP_ROUTE, SEMATTRS_HTTP_TARGET } from ${STABLE};\nconst route = span.attributes[ATTR_HTTP_ROUTE] ?? span.attributes[SEMATTRS_HTTP_TARGET];`,
    // comparing a key with the old constant while filtering attributes: a read
    `import { SEMATTRS_HTTP_URL } from ${STABLE};\nconst kept = Object.entries(attrs).filter(([key]) => key !== SEMATTRS_HTTP_URL);`,
    // a lookup through a getter: a read
    `import { SEMATTRS_DB_STATEMENT } from ${STABLE};\nconst sql = readable.attributes.get?.(SEMATTRS_DB_STATEMENT) ?? map.get(SEMATTRS_DB_STATEMENT);`,
    // dual emission while dashboards move (as OTEL_SEMCONV_STABILITY_OPT_IN=http/dup does): old and new key in one object
    `span.setAttributes({ 'http.method': req.method, 'http.request.method': req.method });`,
    // dual emission over two setAttribute calls on the same span
    `function record(span, res) {\n  span.setAttribute('http.status_code', res.status);\n  span.setAttribute('http.response.status_code', res.status);\n}`,
    // dual emission with constants: the deprecated constant next to its replacement
    `import { SEMATTRS_DB_STATEMENT, ATTR_DB_QUERY_TEXT } from ${STABLE};\nspan.setAttributes({ [SEMATTRS_DB_STATEMENT]: sql, [ATTR_DB_QUERY_TEXT]: sql });`,
    // dual emission in a local attributes object handed to a helper
    `import { SEMATTRS_HTTP_METHOD, ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nconst attributes = { [SEMATTRS_HTTP_METHOD]: method, [ATTR_HTTP_REQUEST_METHOD]: method };\nexport default attributes;`,
    // dual emission on a metric point
    `histogram.record(ms, { 'http.status_code': status, 'http.response.status_code': status });`,
    // a constant of a different package with a semantic-conventions name: not the package's key
    `import { SEMATTRS_HTTP_METHOD } from '@acme/otel-names';\nspan.setAttribute(SEMATTRS_HTTP_METHOD, m);`,
    // reading an old key of a received log record is not writing one
    `const legacy = record.attributes['http.url'];`,
  ],
  invalid: [
    // the guides' 'http.method' in setAttribute
    {
      code: `span.setAttribute('http.method', req.method);`,
      output: `span.setAttribute('http.request.method', req.method);`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'http.method', replacement: 'http.request.method' }, line: 1, column: 19 }],
    },
    // 'http.status_code' with double quotes: quotes kept
    {
      code: `span.setAttribute("http.status_code", res.statusCode);`,
      output: `span.setAttribute("http.response.status_code", res.statusCode);`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'http.status_code', replacement: 'http.response.status_code' }, line: 1, column: 19 }],
    },
    // 'db.statement' in setAttributes, next to a current key
    {
      code: `span.setAttributes({ 'db.statement': sql, 'db.namespace': 'orders' });`,
      output: `span.setAttributes({ 'db.query.text': sql, 'db.namespace': 'orders' });`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'db.statement', replacement: 'db.query.text' }, line: 1, column: 22 }],
    },
    // several keys in one object: all fixed in one pass (ranges do not overlap)
    {
      code: `span.setAttributes({\n  'http.method': m,\n  'http.url': u,\n  'http.user_agent': a,\n});`,
      output: `span.setAttributes({\n  'http.request.method': m,\n  'url.full': u,\n  'user_agent.original': a,\n});`,
      errors: [
        { messageId: 'deprecatedKey', data: { key: 'http.method', replacement: 'http.request.method' }, line: 2, column: 3 },
        { messageId: 'deprecatedKey', data: { key: 'http.url', replacement: 'url.full' }, line: 3, column: 3 },
        { messageId: 'deprecatedKey', data: { key: 'http.user_agent', replacement: 'user_agent.original' }, line: 4, column: 3 },
      ],
    },
    // startSpan options
    {
      code: `const span = tracer.startSpan('GET /orders', { attributes: { 'http.method': 'GET' } });`,
      output: `const span = tracer.startSpan('GET /orders', { attributes: { 'http.request.method': 'GET' } });`,
      errors: [{ messageId: 'deprecatedKey', line: 1, column: 62 }],
    },
    // startActiveSpan options with a callback
    {
      code: `tracer.startActiveSpan('query', { attributes: { 'db.system': 'postgresql' } }, (span) => span.end());`,
      output: `tracer.startActiveSpan('query', { attributes: { 'db.system.name': 'postgresql' } }, (span) => span.end());`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'db.system', replacement: 'db.system.name' }, line: 1, column: 49 }],
    },
    // a template literal key keeps its backticks
    {
      code: "span.setAttribute(`db.name`, 'orders');",
      output: "span.setAttribute(`db.namespace`, 'orders');",
      errors: [{ messageId: 'deprecatedKey', data: { key: 'db.name', replacement: 'db.namespace' }, line: 1, column: 19 }],
    },
    // a computed string key
    {
      code: `span.setAttributes({ ['http.scheme']: 'https' });`,
      output: `span.setAttributes({ ['url.scheme']: 'https' });`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'http.scheme', replacement: 'url.scheme' }, line: 1, column: 23 }],
    },
    // optional call on a possibly missing span
    {
      code: `trace.getActiveSpan()?.setAttribute('net.host.name', host);`,
      output: `trace.getActiveSpan()?.setAttribute('server.address', host);`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'net.host.name', replacement: 'server.address' }, line: 1, column: 37 }],
    },
    // no single replacement: reported without a fix
    {
      code: `span.setAttribute('net.peer.name', host);`,
      output: null,
      errors: [{ messageId: 'deprecatedKeyNoReplacement', data: { key: 'net.peer.name' }, line: 1, column: 19 }],
    },
    // removed without replacement
    {
      code: `span.setAttributes({ 'http.flavor': '1.1' });`,
      output: null,
      errors: [{ messageId: 'deprecatedKeyNoReplacement', data: { key: 'http.flavor' }, line: 1, column: 22 }],
    },
    // a key and a constant in one file
    {
      code: `import { SEMATTRS_HTTP_METHOD } from ${STABLE};\nspan.setAttribute(SEMATTRS_HTTP_METHOD, m);\nspan.setAttribute('http.status_code', s);`,
      output: `import { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, m);\nspan.setAttribute('http.response.status_code', s);`,
      errors: [
        { messageId: 'deprecatedConstant', line: 2, column: 19 },
        { messageId: 'deprecatedKey', line: 3, column: 19 },
      ],
    },
    // CRLF file: only the key changes
    {
      code: `span.setAttribute('http.target', t);\r\nspan.setAttribute('http.client_ip', ip);\r\n`,
      output: `span.setAttribute('http.target', t);\r\nspan.setAttribute('client.address', ip);\r\n`,
      errors: [
        { messageId: 'deprecatedKeyNoReplacement', data: { key: 'http.target' }, line: 1, column: 19 },
        { messageId: 'deprecatedKey', data: { key: 'http.client_ip', replacement: 'client.address' }, line: 2, column: 19 },
      ],
    },
    // SEMATTRS_* used once: the import specifier becomes the stable constant
    {
      code: `import { SEMATTRS_HTTP_METHOD } from ${STABLE};\nspan.setAttribute(SEMATTRS_HTTP_METHOD, method);`,
      output: `import { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, method);`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'SEMATTRS_HTTP_METHOD', replacement: 'ATTR_HTTP_REQUEST_METHOD', key: 'http.request.method' }, line: 2, column: 19 }],
    },
    // the guides' SemanticAttributes.HTTP_METHOD
    {
      code: `import { SemanticAttributes } from ${STABLE};\nspan.setAttribute(SemanticAttributes.HTTP_METHOD, method);`,
      output: `import { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, method);`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'SemanticAttributes.HTTP_METHOD', replacement: 'ATTR_HTTP_REQUEST_METHOD', key: 'http.request.method' }, line: 2, column: 19 }],
    },
    // two uses: the first adds the new import, the last one drops the old (two fix passes)
    {
      code: `import { SEMATTRS_HTTP_METHOD } from ${STABLE};\nspan.setAttribute(SEMATTRS_HTTP_METHOD, a);\nother.setAttribute(SEMATTRS_HTTP_METHOD, b);`,
      output: [
        `import { SEMATTRS_HTTP_METHOD, ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, a);\nother.setAttribute(SEMATTRS_HTTP_METHOD, b);`,
        `import { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, a);\nother.setAttribute(ATTR_HTTP_REQUEST_METHOD, b);`,
      ],
      errors: [
        { messageId: 'deprecatedConstant', line: 2, column: 19 },
        { messageId: 'deprecatedConstant', line: 3, column: 20 },
      ],
    },
    // deprecated ATTR_* from the incubating entry point, next to a current one: a stable import line is added
    {
      code: `import { ATTR_HTTP_METHOD, ATTR_USER_ID } from ${INCUBATING};\nspan.setAttributes({ [ATTR_HTTP_METHOD]: m, [ATTR_USER_ID]: u });`,
      output: `import { ATTR_USER_ID } from ${INCUBATING};\nimport { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttributes({ [ATTR_HTTP_REQUEST_METHOD]: m, [ATTR_USER_ID]: u });`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'ATTR_HTTP_METHOD', replacement: 'ATTR_HTTP_REQUEST_METHOD', key: 'http.request.method' }, line: 2, column: 23 }],
    },
    // the only incubating import: it becomes the stable one
    {
      code: `import { ATTR_HTTP_STATUS_CODE } from ${INCUBATING};\nspan.setAttribute(ATTR_HTTP_STATUS_CODE, 200);`,
      output: `import { ATTR_HTTP_RESPONSE_STATUS_CODE } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, 200);`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'ATTR_HTTP_STATUS_CODE', replacement: 'ATTR_HTTP_RESPONSE_STATUS_CODE', key: 'http.response.status_code' }, line: 2, column: 19 }],
    },
    // an existing stable import receives the new constant; the emptied incubating import goes
    {
      code: `import { ATTR_HTTP_ROUTE } from ${STABLE};\nimport { ATTR_DB_STATEMENT } from ${INCUBATING};\nspan.setAttribute(ATTR_DB_STATEMENT, sql);`,
      output: `import { ATTR_HTTP_ROUTE, ATTR_DB_QUERY_TEXT } from ${STABLE};\nspan.setAttribute(ATTR_DB_QUERY_TEXT, sql);`,
      errors: [{ messageId: 'deprecatedConstant', line: 3, column: 19 }],
    },
    // a namespace import: the member is renamed, no import changes
    {
      code: `import * as semconv from ${STABLE};\nspan.setAttribute(semconv.SEMATTRS_DB_STATEMENT, sql);`,
      output: `import * as semconv from ${STABLE};\nspan.setAttribute(semconv.ATTR_DB_QUERY_TEXT, sql);`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'SEMATTRS_DB_STATEMENT', replacement: 'ATTR_DB_QUERY_TEXT', key: 'db.query.text' }, line: 2, column: 19 }],
    },
    // a map member through a namespace import
    {
      code: `import * as semconv from ${STABLE};\nspan.setAttribute(semconv.SemanticAttributes.HTTP_URL, url);`,
      output: `import * as semconv from ${STABLE};\nspan.setAttribute(semconv.ATTR_URL_FULL, url);`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'SemanticAttributes.HTTP_URL', replacement: 'ATTR_URL_FULL', key: 'url.full' }, line: 2, column: 19 }],
    },
    // an aliased import: the whole specifier is replaced
    {
      code: `import { SEMATTRS_HTTP_METHOD as METHOD } from ${STABLE};\nspan.setAttribute(METHOD, m);`,
      output: `import { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, m);`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'SEMATTRS_HTTP_METHOD', replacement: 'ATTR_HTTP_REQUEST_METHOD', key: 'http.request.method' }, line: 2, column: 19 }],
    },
    // the replacement is already imported under an alias: that name is used, the old import dropped
    {
      code: `import { ATTR_HTTP_REQUEST_METHOD as METHOD, SEMATTRS_HTTP_METHOD } from ${STABLE};\nspan.setAttribute(SEMATTRS_HTTP_METHOD, m);\nclientSpan.setAttribute(METHOD, m);`,
      output: `import { ATTR_HTTP_REQUEST_METHOD as METHOD } from ${STABLE};\nspan.setAttribute(METHOD, m);\nclientSpan.setAttribute(METHOD, m);`,
      errors: [{ messageId: 'deprecatedConstant', line: 2, column: 19 }],
    },
    // only the constant is deprecated: same key, stable constant
    {
      code: `import { SEMATTRS_HTTP_ROUTE } from ${STABLE};\nspan.setAttribute(SEMATTRS_HTTP_ROUTE, route);`,
      output: `import { ATTR_HTTP_ROUTE } from ${STABLE};\nspan.setAttribute(ATTR_HTTP_ROUTE, route);`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'SEMATTRS_HTTP_ROUTE', replacement: 'ATTR_HTTP_ROUTE', key: 'http.route' }, line: 2, column: 19 }],
    },
    // resource attributes: SEMRESATTRS_SERVICE_NAME
    {
      code: `import { SEMRESATTRS_SERVICE_NAME } from ${STABLE};\nconst attributes = { [SEMRESATTRS_SERVICE_NAME]: 'checkout' };`,
      output: `import { ATTR_SERVICE_NAME } from ${STABLE};\nconst attributes = { [ATTR_SERVICE_NAME]: 'checkout' };`,
      errors: [{ messageId: 'deprecatedConstant', data: { name: 'SEMRESATTRS_SERVICE_NAME', replacement: 'ATTR_SERVICE_NAME', key: 'service.name' }, line: 2, column: 23 }],
    },
    // renamed key with no stable constant yet: reported, not fixed
    {
      code: `import { SEMATTRS_MESSAGING_SYSTEM } from ${STABLE};\nspan.setAttribute(SEMATTRS_MESSAGING_SYSTEM, 'kafka');`,
      output: null,
      errors: [{ messageId: 'deprecatedConstantNoStable', data: { name: 'SEMATTRS_MESSAGING_SYSTEM', key: 'messaging.system.name' }, line: 2, column: 19 }],
    },
    // deprecated with no single replacement (client vs server): reported, not fixed
    {
      code: `import { SEMATTRS_NET_PEER_NAME } from ${STABLE};\nspan.setAttribute(SEMATTRS_NET_PEER_NAME, host);`,
      output: null,
      errors: [{ messageId: 'deprecatedConstantNoReplacement', data: { name: 'SEMATTRS_NET_PEER_NAME', key: 'net.peer.name' }, line: 2, column: 19 }],
    },
    // a deprecated ATTR_* of the stable entry point with no replacement
    {
      code: `import { ATTR_EXCEPTION_ESCAPED } from ${STABLE};\nspan.setAttribute(ATTR_EXCEPTION_ESCAPED, true);`,
      output: null,
      errors: [{ messageId: 'deprecatedConstantNoReplacement', data: { name: 'ATTR_EXCEPTION_ESCAPED', key: 'exception.escaped' }, line: 2, column: 19 }],
    },
    // CommonJS: reported, the fix is left to the codemod
    {
      code: `const { SEMATTRS_HTTP_METHOD } = require(${STABLE});\nspan.setAttribute(SEMATTRS_HTTP_METHOD, m);`,
      output: null,
      errors: [{ messageId: 'deprecatedConstant', line: 2, column: 19 }],
    },
    // CommonJS namespace: the member is renamed
    {
      code: `const semconv = require(${STABLE});\nspan.setAttribute(semconv.SEMATTRS_HTTP_URL, url);`,
      output: `const semconv = require(${STABLE});\nspan.setAttribute(semconv.ATTR_URL_FULL, url);`,
      errors: [{ messageId: 'deprecatedConstant', line: 2, column: 19 }],
    },
    // the new name is taken by a constant of the file's own: no fix
    {
      code: `import { SEMATTRS_HTTP_METHOD } from ${STABLE};\nconst ATTR_HTTP_REQUEST_METHOD = 'mine';\nspan.setAttribute(SEMATTRS_HTTP_METHOD, m);`,
      output: null,
      errors: [{ messageId: 'deprecatedConstant', line: 3, column: 19 }],
    },
    // used outside a sink (a lookup table): the constant is still deprecated
    {
      code: `import { SEMATTRS_DB_STATEMENT, ATTR_DB_NAMESPACE } from ${STABLE};\nexport const KEYS = [SEMATTRS_DB_STATEMENT, ATTR_DB_NAMESPACE];`,
      output: `import { ATTR_DB_QUERY_TEXT, ATTR_DB_NAMESPACE } from ${STABLE};\nexport const KEYS = [ATTR_DB_QUERY_TEXT, ATTR_DB_NAMESPACE];`,
      errors: [{ messageId: 'deprecatedConstant', line: 2, column: 22 }],
    },
    // double quotes and no semicolons are kept in the added import
    {
      code: `import { ATTR_HTTP_METHOD, ATTR_USER_ID } from "@opentelemetry/semantic-conventions/incubating"\nspan.setAttribute(ATTR_HTTP_METHOD, m)\nspan.setAttribute(ATTR_USER_ID, u)`,
      output: `import { ATTR_USER_ID } from "@opentelemetry/semantic-conventions/incubating"\nimport { ATTR_HTTP_REQUEST_METHOD } from "@opentelemetry/semantic-conventions"\nspan.setAttribute(ATTR_HTTP_REQUEST_METHOD, m)\nspan.setAttribute(ATTR_USER_ID, u)`,
      errors: [{ messageId: 'deprecatedConstant', line: 2, column: 19 }],
    },
    // two different deprecated constants from one import: each renamed in place (one per fix pass, the ranges overlap)
    {
      code: `import { SEMATTRS_DB_SYSTEM, SEMATTRS_DB_NAME } from ${STABLE};\nspan.setAttributes({ [SEMATTRS_DB_SYSTEM]: 'postgresql', [SEMATTRS_DB_NAME]: 'orders' });`,
      output: [
        `import { ATTR_DB_SYSTEM_NAME, SEMATTRS_DB_NAME } from ${STABLE};\nspan.setAttributes({ [ATTR_DB_SYSTEM_NAME]: 'postgresql', [SEMATTRS_DB_NAME]: 'orders' });`,
        `import { ATTR_DB_SYSTEM_NAME, ATTR_DB_NAMESPACE } from ${STABLE};\nspan.setAttributes({ [ATTR_DB_SYSTEM_NAME]: 'postgresql', [ATTR_DB_NAMESPACE]: 'orders' });`,
      ],
      errors: [
        { messageId: 'deprecatedConstant', data: { name: 'SEMATTRS_DB_SYSTEM', replacement: 'ATTR_DB_SYSTEM_NAME', key: 'db.system.name' }, line: 2, column: 23 },
        { messageId: 'deprecatedConstant', data: { name: 'SEMATTRS_DB_NAME', replacement: 'ATTR_DB_NAMESPACE', key: 'db.namespace' }, line: 2, column: 59 },
      ],
    },
    // a key merged into a local attributes object with Object.assign
    {
      code: `const attributes = { 'faas.trigger': 'http' };\nObject.assign(attributes, { 'http.target': req.url });\ntracer.startSpan('request', { attributes });`,
      output: null,
      errors: [{ messageId: 'deprecatedKeyNoReplacement', data: { key: 'http.target' }, line: 2, column: 29 }],
    },
    // a metric instrument's attributes are written too
    {
      code: `counter.add(1, { 'http.status_code': 200 });`,
      output: `counter.add(1, { 'http.response.status_code': 200 });`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'http.status_code', replacement: 'http.response.status_code' }, line: 1, column: 18 }],
    },
    // a span event's attributes
    {
      code: `span.addEvent('retry', { 'http.method': req.method });`,
      output: `span.addEvent('retry', { 'http.request.method': req.method });`,
      errors: [{ messageId: 'deprecatedKey', line: 1, column: 26 }],
    },
    // a log record's attributes through the logs API
    {
      code: `logger.emit({ body: 'query done', attributes: { 'db.statement': sql } });`,
      output: `logger.emit({ body: 'query done', attributes: { 'db.query.text': sql } });`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'db.statement', replacement: 'db.query.text' }, line: 1, column: 49 }],
    },
    // a local attributes object later handed to setAttributes
    {
      code: `const attributes = { 'net.peer.port': port };\nspan.setAttributes(attributes);`,
      output: null,
      errors: [{ messageId: 'deprecatedKeyNoReplacement', data: { key: 'net.peer.port' }, line: 1, column: 22 }],
    },
    // a constant re-exported by the project's own module still holds the deprecated key: reported, renamed where declared
    {
      code: `import { SEMATTRS_HTTP_METHOD } from './semconv';\nspan.setAttribute(SEMATTRS_HTTP_METHOD, req.method);`,
      output: null,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'http.method', replacement: 'http.request.method' }, line: 2, column: 19 }],
    },
    // a project constant holding the old key string
    {
      code: `const KEY_URL = 'http.url';\nspan.setAttribute(KEY_URL, req.url);`,
      output: null,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'http.url', replacement: 'url.full' }, line: 2, column: 19 }],
    },
    // the replacement written on another span is not dual emission
    {
      code: `parentSpan.setAttribute('http.request.method', m);\nchildSpan.setAttribute('http.method', m);`,
      output: `parentSpan.setAttribute('http.request.method', m);\nchildSpan.setAttribute('http.request.method', m);`,
      errors: [{ messageId: 'deprecatedKey', line: 2, column: 24 }],
    },
    // an old GenAI key with a replacement named in a "which has moved" note
    {
      code: `span.setAttribute('gen_ai.usage.prompt_tokens', usage.prompt_tokens);`,
      output: `span.setAttribute('gen_ai.usage.input_tokens', usage.prompt_tokens);`,
      errors: [{ messageId: 'deprecatedKey', data: { key: 'gen_ai.usage.prompt_tokens', replacement: 'gen_ai.usage.input_tokens' }, line: 1, column: 19 }],
    },
    // writing into an attributes bag by assignment is a write
    {
      code: `import { SEMATTRS_HTTP_METHOD } from ${STABLE};\nattributes[SEMATTRS_HTTP_METHOD] = req.method;`,
      output: `import { ATTR_HTTP_REQUEST_METHOD } from ${STABLE};\nattributes[ATTR_HTTP_REQUEST_METHOD] = req.method;`,
      errors: [{ messageId: 'deprecatedConstant', line: 2, column: 12 }],
    },
  ],
});
