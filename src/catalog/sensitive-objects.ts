/**
 * Whole objects that must not flow into attributes, as plain data: a headers bag, a database row, a user object,
 * a webhook body, an e-mail message. Spread into an attributes object, iterated into `setAttribute` calls or
 * stringified into one value, they carry every secret and personal field they hold. One entry per pattern.
 * Names are split into lowercase words as in sensitive-patterns.ts.
 */
import type { PatternExamples } from './sensitive-patterns.js';

export interface WholeObjectPattern {
  id: string;
  /** What the object is, for messages: "a whole headers object". */
  description: string;
  /** What it carries that must not be sent: "Authorization and Cookie headers". */
  carries: string;
  /** Word sequences the last name of an access path ends with: `req.headers` → headers, `currentUser` → current user. */
  nameEndings?: readonly string[];
  /** For `nameEndings`: the name before the last one must be one of these (`req.body`, not `chart.body`). */
  owners?: readonly string[];
  /** Method calls without arguments that return the whole object: Hono's `c.req.header()`. */
  wholeObjectMethods?: readonly string[];
  /** Code examples: expressions standing for the whole object. */
  examples: PatternExamples;
}

export const WHOLE_OBJECT_PATTERNS: readonly WholeObjectPattern[] = [
  {
    id: 'headers',
    description: 'a whole headers object',
    carries: 'Authorization, Cookie and API-key headers',
    nameEndings: ['headers', 'raw headers', 'request headers', 'response headers', 'incoming headers', 'header map'],
    examples: {
      match: ['req.headers', 'request.headers', 'response.headers', 'res.headers', 'c.req.raw.headers', 'message.headers', 'requestHeaders', 'headers'],
      noMatch: ['headers.length', 'res.headersSent', 'headerName', 'req.headers.host'],
    },
  },
  {
    id: 'hono-headers',
    description: 'all request headers (`c.req.header()`)',
    carries: 'Authorization, Cookie and API-key headers',
    wholeObjectMethods: ['header'],
    examples: { match: ['c.req.header()'], noMatch: ["c.req.header('user-agent')", 'c.header'] },
  },
  {
    id: 'cookies',
    description: 'all cookies',
    carries: 'session cookies',
    nameEndings: ['cookies', 'signed cookies'],
    examples: { match: ['req.cookies', 'req.signedCookies', 'cookies'], noMatch: ['cookies.length', 'cookieName'] },
  },
  {
    id: 'database-row',
    description: 'a whole database row',
    carries: 'every column, personal data included',
    nameEndings: ['row', 'rows', 'db row', 'result rows', 'first row', 'record row'],
    examples: { match: ['row', 'result.rows', 'rows[0]', 'dbRow', 'firstRow'], noMatch: ['rowCount', 'result.rowCount', 'row.id', 'arrow'] },
  },
  {
    id: 'user-object',
    description: 'a whole user object',
    carries: 'e-mail address, name and other personal fields',
    nameEndings: ['user', 'current user', 'customer', 'profile', 'user profile', 'account', 'member'],
    examples: { match: ['user', 'req.user', 'ctx.state.user', 'currentUser', 'customer', 'session.user'], noMatch: ['user.id', 'userId', 'user.role', 'users.length'] },
  },
  {
    id: 'webhook-body',
    description: 'a whole webhook or request body',
    carries: 'whatever the sender put in it, personal data and tokens included',
    nameEndings: ['body', 'raw body', 'payload', 'webhook', 'webhook body', 'webhook payload', 'webhook event'],
    owners: ['req', 'request', 'ctx', 'c', 'event', 'webhook', 'context'],
    examples: { match: ['req.body', 'request.body', 'event.body', 'ctx.request.body', 'webhook.payload'], noMatch: ['chart.body', 'req.body.type', 'html.body'] },
  },
  {
    id: 'email-message',
    description: 'a whole e-mail message',
    carries: 'recipient addresses, subject and body',
    nameEndings: ['mail options', 'email message', 'mail message', 'mail', 'email options', 'message options'],
    examples: { match: ['mailOptions', 'emailMessage', 'mail', 'sendMailOptions'], noMatch: ['mail.id', 'mailbox', 'email.template'] },
  },
];

/** Header names whose removal (or an allow-list) makes a headers object safe to record. */
export const SENSITIVE_HEADER_NAMES: readonly string[] = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key'];

/** Words of names that say a whole object is filtered before it is recorded: `allowedHeaders`, `sanitizeHeaders(h)`, `omit`. */
export const OBJECT_FILTER_WORDS: readonly string[] = [
  'allow', 'allowed', 'allowlist', 'whitelist', 'safe', 'denylist', 'deny', 'blocklist', 'blacklist', 'sensitive', 'redact',
  'redacted', 'sanitize', 'sanitized', 'sanitise', 'scrub', 'omit', 'pick', 'exclude', 'excluded', 'ignore', 'ignored', 'strip',
  'secret', 'secrets', 'mask', 'masked', 'private',
];

/**
 * The static start of a template that builds one attribute key per header: `` `http.request.header.${name}` ``,
 * `` `ai.request.headers.${key}` ``, `` `email.header.${k}` ``. Built keys like these copy a headers object into
 * attributes even when the object of attributes is returned to a caller the rule cannot follow.
 */
export const HEADER_ATTRIBUTE_KEY_PREFIX = /^[\w.-]*\bheaders?\.$/;

export interface SensitiveKeyPattern {
  id: string;
  description: string;
  /** Keys written with a value computed at run time; `*` stands for one or more key segments. */
  keys: readonly string[];
  examples: PatternExamples;
}

/** Keys whose non-literal values carry user data whatever the value is called. */
export const SENSITIVE_KEY_PATTERNS: readonly SensitiveKeyPattern[] = [
  {
    id: 'bound-query-parameters',
    description: 'bound query parameters (the values users sent)',
    keys: ['db.values', 'db.query.parameter.*', 'db.query.parameters', 'db.statement.parameters', 'db.statement.values', 'db.parameters', 'db.params', 'db.bindings', 'sql.params', 'sql.values'],
    examples: { match: ['db.values', 'db.query.parameter.0', 'db.query.parameter.email', 'db.params'], noMatch: ['db.query.text', 'db.values.count', 'db.operation.name'] },
  },
];

export interface ClientAddressPattern {
  id: string;
  description: string;
  /** Key endings (words) of identifiers: `ratelimit.key`, `throttle.id`. */
  keyEndings: readonly string[];
  /** Word sequences a name inside the value ends with: `req.ip`, `clientIp`, `socket.remoteAddress`. */
  addressNameEndings: readonly string[];
  /** Header names holding the client address, read from a headers object. */
  addressHeaders: readonly string[];
  examples: PatternExamples;
}

/** A client IP address built into an id (a rate-limit key): the address is personal data, and so is the id. */
export const CLIENT_ADDRESS_IN_ID: ClientAddressPattern = {
  id: 'client-address-in-id',
  description: "the client's IP address",
  keyEndings: ['key', 'id', 'identifier', 'bucket'],
  addressNameEndings: ['ip', 'client ip', 'ip address', 'remote address', 'client address', 'remote ip', 'forwarded for'],
  addressHeaders: ['x-forwarded-for', 'x-real-ip', 'cf-connecting-ip', 'true-client-ip', 'fly-client-ip'],
  examples: {
    match: ['`ratelimit:${req.ip}`', "'rl:' + clientIp", "`${route}:${c.req.header('x-forwarded-for')}`", '`ip:${socket.remoteAddress}`'],
    noMatch: ['`ratelimit:${user.id}`', '`route:${route}`', 'tenant.id'],
  },
};
