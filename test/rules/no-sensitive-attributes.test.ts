import rule from '../../rules/no-sensitive-attributes.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-sensitive-attributes', rule, {
  valid: [
    // token counts are numbers, not tokens
    `span.setAttribute('gen_ai.usage.input_tokens', usage.inputTokens);`,
    // output token counts and a token_count key
    `span.setAttributes({ 'gen_ai.usage.output_tokens': usage.output_tokens, token_count: tokens.length });`,
    // the network address keys of the semantic conventions are endpoints, not postal addresses
    `span.setAttributes({ 'client.address': req.ip, 'server.address': host, 'network.peer.address': socket.remoteAddress });`,
    // network address constants resolve to client.address and server.address
    `import { ATTR_CLIENT_ADDRESS, ATTR_SERVER_ADDRESS } from '@opentelemetry/semantic-conventions';
span.setAttribute(ATTR_CLIENT_ADDRESS, req.socket.remoteAddress);
span.setAttribute(ATTR_SERVER_ADDRESS, url.hostname);`,
    // an opaque user id on a span is fine
    `span.setAttribute('user.id', user.id);`,
    // enduser.id, user.role and tenant.id are fine
    `span.setAttributes({ 'enduser.id': session.userId, 'user.role': user.role, 'tenant.id': tenant.id });`,
    // a hashed email
    `span.setAttribute('user.email', hash(user.email));`,
    // sha256 of the email
    `span.setAttribute('user.email_sha', sha256(user.email));`,
    // a digest chain from node:crypto
    `span.setAttribute('user.email', crypto.createHash('sha256').update(user.email).digest('hex'));`,
    // a masked card number
    `span.setAttributes({ 'payment.card_number': maskCardNumber(card.number) });`,
    // a redacted value through a method of a redactor object
    `span.setAttribute('auth.token', redactor.redact(token));`,
    // a boolean under a sensitive key
    `span.setAttribute('user.has_password', true);`,
    // a yes/no derived from the cookie header
    `span.setAttribute('cookie.present', Boolean(req.headers.cookie));`,
    // a count of emails
    `span.setAttribute('email.count', emails.length);`,
    // a password length
    `span.setAttribute('password.length', password.length);`,
    // a comparison result under a token key
    `span.setAttribute('auth.token', token === expectedToken);`,
    // a placeholder literal under a sensitive key
    `span.setAttributes({ 'user.email': '[REDACTED]', 'user.password': '***' });`,
    // a conditional between two placeholder literals
    `span.setAttribute('http.request.header.authorization', authorization ? 'present' : 'absent');`,
    // a configured redactor
    { code: `span.setAttribute('user.phone', scramble(user.phone));`, options: [{ redactors: ['scramble'] }] },
    // an allowed key
    { code: `span.setAttribute('app.session_token', sessionToken);`, options: [{ allowKeys: ['app.session_token'] }] },
    // an allowed prefix
    { code: `span.setAttribute('debug.password_hint', hint);`, options: [{ allowKeys: ['debug.*'] }] },
    // an HTML span element is not a telemetry span
    `const span = document.createElement('span');
span.setAttribute('password', value);`,
    // a DOM element setAttribute
    `input.setAttribute('password', value);`,
    // recordException is not an attribute sink
    `span.recordException(new Error('bad login for ' + user.email));`,
    // a logging library call is not an attribute sink
    `logger.info({ email: user.email }, 'login');`,
    // a pagination token is a cursor, not a credential
    `span.setAttributes({ 'next_page_token': nextPageToken, 'page.token': response.pageToken });`,
    // the token type of the gen_ai conventions
    `span.setAttribute('gen_ai.token.type', 'input');`,
    // process.env.PWD is the working directory
    `span.setAttribute('process.cwd', process.env.PWD);`,
    // a session id is an identifier, not a session token
    `span.setAttribute('session.id', session.id);`,
    // whether the email is verified
    `span.setAttribute('user.email_verified', user.emailVerified);`,
    // the email domain computed by a helper
    `span.setAttribute('email.domain', domainOf(user.email));`,
    // the name of a secret in a vault
    `span.setAttribute('secret.name', secretName);`,
    // a literal auth method on a metric
    `const logins = meter.createCounter('logins');
logins.add(1, { 'auth.method': 'password' });`,
    // a user id on a log record
    `logger.emit({ body: 'login', attributes: { 'user.id': user.id } });`,
    // a role on a span event
    `span.addEvent('login', { 'user.role': user.role });`,
    // a content-type header is not sensitive
    `span.setAttribute('http.request.header.content-type', req.headers['content-type']);`,
    // author is not authorization, passport is not password
    `span.setAttributes({ author: post.author, 'passport.strategy': 'jwt' });`,
    // a number of addresses
    `span.setAttribute('user.address_count', user.addresses.length);`,
    // attributes from a helper are not visible
    `span.setAttributes({ ...getSafeAttributes(req) });`,
    // headers copied key by key through an allow-list
    `const ALLOWED_HEADERS = ['user-agent', 'content-type', 'accept'];
export function recordHeaders(span, req) {
  for (const [name, value] of Object.entries(req.headers)) {
    if (ALLOWED_HEADERS.includes(name)) span.setAttribute(\`http.request.header.\${name}\`, String(value));
  }
}`,
    // the sensitive headers removed before the rest is spread
    `function onRequest(span, req) {
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.cookie;
  span.setAttributes({ ...headers });
}`,
    // a helper that copies only the headers a configured allow-list names
    `export function headerAttributes(headers, allowedHeaders) {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => allowedHeaders.includes(name.toLowerCase()))
      .map(([name, value]) => [\`http.request.header.\${name}\`, value]),
  );
}`,
    // a key template per entry of something that is not a headers object
    "const attributes = Object.fromEntries(Object.entries(settings).map(([key, value]) => [`ai.settings.${key}`, value]));",
    // skipping the sensitive headers inside the loop
    `response.headers.forEach((value, name) => {
  if (name === 'set-cookie') return;
  span.setAttribute(\`http.response.header.\${name}\`, value);
});`,
    // headers through a sanitizer of the project's own
    `span.setAttribute('http.request.headers', JSON.stringify(sanitizeHeaders(req.headers)));`,
    // a count derived from the headers
    `span.setAttribute('http.request.header_count', Object.keys(req.headers).length);`,
    // chosen fields of a row, not the row
    `const { rows } = await pool.query('SELECT id, plan FROM accounts WHERE id = $1', [id]);
span.setAttributes({ 'account.id': rows[0].id, 'account.plan': rows[0].plan, 'db.response.returned_rows': rows.length });`,
    // a stringified object of chosen fields
    `span.setAttribute('user.summary', JSON.stringify({ id: user.id, plan: user.plan }));`,
    // the query text with placeholders is what the conventions ask for
    `span.setAttribute('db.query.text', 'SELECT * FROM users WHERE email = $1');`,
    // a count of bound parameters
    `span.setAttribute('db.values', values.length);`,
    // a rate-limit key built from the user id, not the address
    "span.setAttribute('ratelimit.key', `rl:${user.id}:${route}`);",
    // the client address under the conventions' own key is allowed (it is not built into an id)
    `span.setAttribute('client.address', req.ip);`,
    // a JWT key id and algorithm are public header fields
    `span.setAttributes({ 'jwt.kid': header.kid, 'jwt.alg': header.alg });`,
    // an ARN names a secret, it does not hold it
    `span.setAttribute('aws.secretsmanager.secret.arn', secretArn);`,
    // LLM token counts
    `span.setAttributes({ 'llm.token_count.prompt': usage.prompt_tokens, 'llm.token_count.completion': usage.completion_tokens, 'gen_ai.usage.output_tokens': usage.output_tokens });`,
    // a public key is meant to be shown
    `span.setAttributes({ 'langfuse.public_key': this.publicKey, 'jwt.public_key': jwk.publicKey, 'stripe.publishable_key': 'pk_live_51H8abcdefghijklmn' });`,
    // an unknown key with an ordinary value
    `span.setAttribute(key, value);`,
    // the subject of an email message is not an email address
    `span.setAttribute('message.subject', email.subject);`,
    // an error message
    `span.setAttribute('error.message', err.message);`,
    // the auth scheme literal alone
    `span.setAttribute('auth.scheme', 'Bearer');`,
    // the id of an API key
    `span.setAttribute('api.key_id', apiKeyId);`,
    // a span that is not recognised: an options object
    `options.setAttributes({ password: input.password });`,
  ],
  invalid: [
    // the whole header bag spread into attributes
    {
      code: `span.setAttributes({ ...req.headers });`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'req.headers', how: 'spread', carries: 'Authorization, Cookie and API-key headers' }, line: 1, column: 25 }],
    },
    // request headers spread inside a tracing callback; the exclusion check around it is about URLs, not headers
    {
      code: `export function instrumentHttpLayer(start) {
  start.traceRequestHandler = async (requestHandler, req) => {
    if (shouldExcludeResource(req.url)) return await requestHandler();
    await tracer.startActiveSpan(\`\${req.method} request\`, async (span) => {
      span.setAttributes({ 'http.method': req.method, ...req.headers });
      await requestHandler();
      span.end();
    });
  };
}`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'req.headers', how: 'spread', carries: 'Authorization, Cookie and API-key headers' }, line: 5, column: 58 }],
    },
    // Express middleware copying every request header onto the active span
    {
      code: `app.use((req, res, next) => {
  const span = trace.getActiveSpan();
  for (const [name, value] of Object.entries(req.headers)) {
    span?.setAttribute(\`http.request.header.\${name}\`, String(value));
  }
  next();
});`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'req.headers', how: 'copied key by key', carries: 'Authorization, Cookie and API-key headers' }, line: 4, column: 55 }],
    },
    // Hono: all request headers stringified
    {
      code: `app.use(async (c, next) => {
  trace.getActiveSpan()?.setAttribute('http.request.headers', JSON.stringify(c.req.header()));
  await next();
});`,
      errors: [{ messageId: 'wholeObject', data: { what: 'All request headers (`c.req.header()`)', text: 'c.req.header()', how: 'stringified', carries: 'Authorization, Cookie and API-key headers' }, line: 2, column: 63 }],
    },
    // fetch response headers copied with forEach
    {
      code: `const response = await fetch(url, init);
response.headers.forEach((value, key) => {
  span.setAttribute(\`http.response.header.\${key}\`, value);
});`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'response.headers', how: 'copied key by key', carries: 'Authorization, Cookie and API-key headers' }, line: 3, column: 52 }],
    },
    // a fetch Headers object turned into a plain object and stringified
    {
      code: `span.setAttribute('http.request.headers', JSON.stringify(Object.fromEntries(request.headers)));`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'request.headers', how: 'stringified', carries: 'Authorization, Cookie and API-key headers' }, line: 1, column: 43 }],
    },
    // an e-mail message stringified onto the send span
    {
      code: `await tracer.startActiveSpan('email.send', async (span) => {
  span.setAttribute('smtp.message', JSON.stringify(mailOptions));
  await transporter.sendMail(mailOptions);
  span.end();
});`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole e-mail message', text: 'mailOptions', how: 'stringified', carries: 'recipient addresses, subject and body' }, line: 2, column: 37 }],
    },
    // a database row flattened into attributes
    {
      code: `const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
span.setAttributes({ ...rows[0] });`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole database row', text: 'rows', how: 'spread', carries: 'every column, personal data included' }, line: 2, column: 25 }],
    },
    // the authenticated user object stringified
    {
      code: `span.setAttribute('app.user', JSON.stringify(req.user));`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole user object', text: 'req.user', how: 'stringified', carries: 'e-mail address, name and other personal fields' }, line: 1, column: 31 }],
    },
    // a customer record handed over whole as the attributes
    {
      code: `span.setAttributes(flatten(customer));`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole user object', text: 'customer', how: 'spread', carries: 'e-mail address, name and other personal fields' }, line: 1, column: 20 }],
    },
    // a webhook body spread into the handler span's attributes
    {
      code: `app.post('/webhooks/stripe', (req, res) => {
  tracer.startActiveSpan('stripe.webhook', { attributes: { ...req.body, 'webhook.source': 'stripe' } }, (span) => {
    res.sendStatus(204);
    span.end();
  });
});`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole webhook or request body', text: 'req.body', how: 'spread', carries: 'whatever the sender put in it, personal data and tokens included' }, line: 2, column: 63 }],
    },
    // a helper that turns per-call headers into attributes for a caller to set
    {
      code: `export function getHeaderAttributes(headers) {
  return Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, value]) => value != null)
      .map(([key, value]) => [\`ai.request.headers.\${key}\`, value]),
  );
}`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'headers', how: 'copied key by key', carries: 'Authorization, Cookie and API-key headers' }, line: 5, column: 31 }],
    },
    // every header of a received e-mail, as attributes of the e-mail span
    {
      code: `function headerAttributes(message) {
  return Object.fromEntries([...message.headers].map(([key, value]) => [\`email.header.\${key}\`, value]));
}`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'message.headers', how: 'copied key by key', carries: 'Authorization, Cookie and API-key headers' }, line: 2, column: 73 }],
    },
    // headers reduced into an attributes object
    {
      code: `const attributes = Object.entries(request.headers).reduce((result, [name, value]) => {
  result[\`http.request.header.\${name}\`] = value;
  return result;
}, {});`,
      errors: [{ messageId: 'wholeObject', data: { what: 'A whole headers object', text: 'request.headers', how: 'copied key by key', carries: 'Authorization, Cookie and API-key headers' }, line: 2, column: 10 }],
    },
    // bound query parameters as one attribute
    {
      code: `span.setAttribute('db.values', JSON.stringify(values));`,
      errors: [{ messageId: 'boundParameters', data: { key: 'db.values', what: 'bound query parameters (the values users sent)' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'db.values' }, output: '' }] }],
    },
    // bound query parameters one attribute each
    {
      code: "params.forEach((param, index) => span.setAttribute(`db.query.parameter.${index}`, param));",
      errors: [{ messageId: 'boundParameters', data: { key: 'db.query.parameter.*', what: 'bound query parameters (the values users sent)' }, line: 1, column: 52 }],
    },
    // the client IP built into a rate-limit key
    {
      code: "span.setAttribute('ratelimit.key', `rl:${req.ip}:${route}`);",
      errors: [{ messageId: 'clientAddressInId', data: { key: 'ratelimit.key', what: "the client's IP address", text: 'req.ip' }, line: 1, column: 36, suggestions: [{ messageId: 'removeAttribute', data: { key: 'ratelimit.key' }, output: '' }] }],
    },
    // Hono: the forwarded-for header built into a limiter id through a local const
    {
      code: "const ip = c.req.header('x-forwarded-for') ?? 'unknown';\nspan.setAttribute('rate_limit.id', `${ip}:${c.req.routePath}`);",
      errors: [{ messageId: 'clientAddressInId', data: { key: 'rate_limit.id', what: "the client's IP address", text: 'ip' }, line: 2, column: 36, suggestions: [{ messageId: 'removeAttribute', data: { key: 'rate_limit.id' }, output: "const ip = c.req.header('x-forwarded-for') ?? 'unknown';\n" }] }],
    },
    // an email address under user.email
    {
      code: `span.setAttribute('user.email', user.email);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `` }] },
      ],
    },
    // an email read into another key
    {
      code: `span.setAttribute('user.contact', user.email);`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'user.contact', what: 'an email address', text: 'user.email' }, line: 1, column: 35, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.contact' }, output: `` }] },
      ],
    },
    // the authorization header
    {
      code: `span.setAttributes({ 'http.request.header.authorization': req.headers.authorization });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'http.request.header.authorization', what: 'an authorization header' }, line: 1, column: 22, suggestions: [{ messageId: 'removeAttribute', data: { key: 'http.request.header.authorization' }, output: `span.setAttributes({});` }] },
      ],
    },
    // the whole header bag
    {
      code: `span.setAttribute('http.headers', req.headers);`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'http.headers', what: 'all request headers', text: 'req.headers' }, line: 1, column: 35, suggestions: [{ messageId: 'removeAttribute', data: { key: 'http.headers' }, output: `` }] },
      ],
    },
    // the whole request body, serialized
    {
      code: `span.setAttribute('request.payload', JSON.stringify(req.body));`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'request.payload', what: 'a whole request body', text: 'req.body' }, line: 1, column: 38, suggestions: [{ messageId: 'removeAttribute', data: { key: 'request.payload' }, output: `` }] },
      ],
    },
    // a secret from the environment
    {
      code: `span.setAttribute('stripe.client', process.env.STRIPE_SECRET_KEY);`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'stripe.client', what: 'a secret', text: 'process.env.STRIPE_SECRET_KEY' }, line: 1, column: 36, suggestions: [{ messageId: 'removeAttribute', data: { key: 'stripe.client' }, output: `` }] },
      ],
    },
    // a literal bearer token
    {
      code: `span.setAttribute('upstream.auth', 'Bearer abc123def456ghi789');`,
      errors: [
        { messageId: 'credentialValue', data: { key: 'upstream.auth', what: 'an authorization header value' }, line: 1, column: 36, suggestions: [{ messageId: 'removeAttribute', data: { key: 'upstream.auth' }, output: `` }] },
      ],
    },
    // a literal Stripe live key
    {
      code: `span.setAttribute('config', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc');`,
      errors: [
        { messageId: 'credentialValue', data: { key: 'config', what: 'a Stripe API key' }, line: 1, column: 29, suggestions: [{ messageId: 'removeAttribute', data: { key: 'config' }, output: `` }] },
      ],
    },
    // a literal AWS access key id
    {
      code: `span.setAttribute('aws.credentials_source', 'AKIAIOSFODNN7EXAMPLE');`,
      errors: [
        { messageId: 'credentialValue', data: { key: 'aws.credentials_source', what: 'an AWS access key id' }, line: 1, column: 45, suggestions: [{ messageId: 'removeAttribute', data: { key: 'aws.credentials_source' }, output: `` }] },
      ],
    },
    // a literal GitHub token
    {
      code: `span.setAttribute('github.client', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a');`,
      errors: [
        { messageId: 'credentialValue', data: { key: 'github.client', what: 'a GitHub token' }, line: 1, column: 36, suggestions: [{ messageId: 'removeAttribute', data: { key: 'github.client' }, output: `` }] },
      ],
    },
    // a literal JWT
    {
      code: `span.setAttribute('debug.sample', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl');`,
      errors: [
        { messageId: 'credentialValue', data: { key: 'debug.sample', what: 'a JSON Web Token' }, line: 1, column: 35, suggestions: [{ messageId: 'removeAttribute', data: { key: 'debug.sample' }, output: `` }] },
      ],
    },
    // a password
    {
      code: `span.setAttribute('user.password', password);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.password', what: 'a password' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.password' }, output: `` }] },
      ],
    },
    // a passwd abbreviation
    {
      code: `span.setAttributes({ 'db.passwd': config.dbPass });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'db.passwd', what: 'a password' }, line: 1, column: 22, suggestions: [{ messageId: 'removeAttribute', data: { key: 'db.passwd' }, output: `span.setAttributes({});` }] },
      ],
    },
    // the cookie header
    {
      code: `span.setAttributes({ cookie: req.headers.cookie });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'cookie', what: 'a cookie' }, line: 1, column: 22, suggestions: [{ messageId: 'removeAttribute', data: { key: 'cookie' }, output: `span.setAttributes({});` }] },
      ],
    },
    // a session token
    {
      code: `span.setAttribute('session.token', sessionToken);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'session.token', what: 'a session token' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'session.token' }, output: `` }] },
      ],
    },
    // a card number
    {
      code: `span.setAttributes({ 'payment.card_number': card.number });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'payment.card_number', what: 'a payment card number' }, line: 1, column: 22, suggestions: [{ messageId: 'removeAttribute', data: { key: 'payment.card_number' }, output: `span.setAttributes({});` }] },
      ],
    },
    // a card security code
    {
      code: `span.setAttribute('card.cvv', cvv);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'card.cvv', what: 'a payment card number' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'card.cvv' }, output: `` }] },
      ],
    },
    // a social security number
    {
      code: `span.setAttribute('user.ssn', profile.ssn);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.ssn', what: 'a social security or national id number' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.ssn' }, output: `` }] },
      ],
    },
    // a phone number
    {
      code: `span.setAttribute('user.phone', user.phone);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.phone', what: 'a phone number' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.phone' }, output: `` }] },
      ],
    },
    // a date of birth
    {
      code: `span.setAttribute('user.date_of_birth', profile.dob);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.date_of_birth', what: 'a date of birth' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.date_of_birth' }, output: `` }] },
      ],
    },
    // an IBAN
    {
      code: `span.setAttribute('payout.iban', account.iban);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'payout.iban', what: 'a bank account number' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'payout.iban' }, output: `` }] },
      ],
    },
    // a shipping address
    {
      code: `span.setAttribute('shipping.address', order.shippingAddress);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'shipping.address', what: 'a postal address' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'shipping.address' }, output: `` }] },
      ],
    },
    // a postal user address
    {
      code: `span.setAttribute('user.address', user.address);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.address', what: 'a postal address' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.address' }, output: `` }] },
      ],
    },
    // a semantic-convention constant resolving to user.email
    {
      code: `import { ATTR_USER_EMAIL } from '@opentelemetry/semantic-conventions/incubating';
span.setAttribute(ATTR_USER_EMAIL, user.email);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 2, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `import { ATTR_USER_EMAIL } from '@opentelemetry/semantic-conventions/incubating';
` }] },
      ],
    },
    // a local key constant
    {
      code: `const EMAIL_KEY = 'user.email';
span.setAttribute(EMAIL_KEY, email);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 2, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `const EMAIL_KEY = 'user.email';
` }] },
      ],
    },
    // the attributes option of startSpan
    {
      code: `const span = tracer.startSpan('login', { attributes: { 'user.email': email } });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 1, column: 56, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `const span = tracer.startSpan('login', { attributes: {} });` }] },
      ],
    },
    // the attributes option of startActiveSpan
    {
      code: `tracer.startActiveSpan('login', { attributes: { 'auth.token': token } }, (span) => span.end());`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'auth.token', what: 'a token' }, line: 1, column: 49, suggestions: [{ messageId: 'removeAttribute', data: { key: 'auth.token' }, output: `tracer.startActiveSpan('login', { attributes: {} }, (span) => span.end());` }] },
      ],
    },
    // a shorthand password on a span event
    {
      code: `span.addEvent('login', { password });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'password', what: 'a password' }, line: 1, column: 26, suggestions: [{ messageId: 'removeAttribute', data: { key: 'password' }, output: `span.addEvent('login', {});` }] },
      ],
    },
    // an email on a metric instrument
    {
      code: `loginCounter.add(1, { 'user.email': user.email });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 1, column: 23, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `loginCounter.add(1, {});` }] },
      ],
    },
    // an email on a log record
    {
      code: `logger.emit({ body: 'login', attributes: { 'user.email': user.email } });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 1, column: 44, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `logger.emit({ body: 'login', attributes: {} });` }] },
      ],
    },
    // an API key in a local object spread into the attributes
    {
      code: `const attrs = { 'api.key': apiKey };
span.setAttributes({ ...attrs, ok: true });`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'api.key', what: 'an API or access key' }, line: 1, column: 17, suggestions: [] },
      ],
    },
    // an authorization header built from a template
    {
      code: `span.setAttribute('auth.header', \`Bearer \${token}\`);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'auth.header', what: 'an authorization header' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'auth.header' }, output: `` }] },
      ],
    },
    // an email inside a template
    {
      code: `span.setAttribute('user', \`\${user.name} <\${user.email}>\`);`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'user', what: 'an email address', text: 'user.email' }, line: 1, column: 27, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user' }, output: `` }] },
      ],
    },
    // an email lowercased is still an email
    {
      code: `span.setAttribute('login', user.email.toLowerCase());`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'login', what: 'an email address', text: 'user.email' }, line: 1, column: 28, suggestions: [{ messageId: 'removeAttribute', data: { key: 'login' }, output: `` }] },
      ],
    },
    // an email with a fallback
    {
      code: `span.setAttribute('contact', user.email ?? 'unknown');`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'contact', what: 'an email address', text: 'user.email' }, line: 1, column: 30, suggestions: [{ messageId: 'removeAttribute', data: { key: 'contact' }, output: `` }] },
      ],
    },
    // an API key read from credentials
    {
      code: `span.setAttribute('client', creds.apiKey);`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'client', what: 'an API or access key', text: 'creds.apiKey' }, line: 1, column: 29, suggestions: [{ messageId: 'removeAttribute', data: { key: 'client' }, output: `` }] },
      ],
    },
    // an API key header
    {
      code: `span.setAttribute('client', req.headers['x-api-key']);`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'client', what: 'an API or access key', text: 'req.headers[\'x-api-key\']' }, line: 1, column: 29, suggestions: [{ messageId: 'removeAttribute', data: { key: 'client' }, output: `` }] },
      ],
    },
    // a password from config on this.span
    {
      code: `this.span.setAttribute('db.password', this.config.password);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'db.password', what: 'a password' }, line: 1, column: 24, suggestions: [{ messageId: 'removeAttribute', data: { key: 'db.password' }, output: `` }] },
      ],
    },
    // with a configured redactor, the suggestion wraps the value
    {
      code: `span.setAttribute('user.email', user.email);`,
      options: [{ redactors: ['redact'] }],
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `` }, { messageId: 'redactValue', data: { redactor: 'redact' }, output: `span.setAttribute('user.email', redact(user.email));` }] },
      ],
    },
    // a shorthand property is expanded when wrapped
    {
      code: `span.setAttributes({ email, id });`,
      options: [{ redactors: ['redact'] }],
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'email', what: 'an email address' }, line: 1, column: 22, suggestions: [{ messageId: 'removeAttribute', data: { key: 'email' }, output: `span.setAttributes({ id });` }, { messageId: 'redactValue', data: { redactor: 'redact' }, output: `span.setAttributes({ email: redact(email), id });` }] },
      ],
    },
    // a denied key
    {
      code: `span.setAttribute('customer.tier', tier);`,
      options: [{ denyKeys: ['customer.tier'] }],
      errors: [
        { messageId: 'deniedKey', data: { key: 'customer.tier' }, line: 1, column: 19, suggestions: [{ messageId: 'removeAttribute', data: { key: 'customer.tier' }, output: `` }] },
      ],
    },
    // a literal email address
    {
      code: `span.setAttribute('support.contact', 'alice@example.com');`,
      errors: [
        { messageId: 'credentialValue', data: { key: 'support.contact', what: 'an email address' }, line: 1, column: 38, suggestions: [{ messageId: 'removeAttribute', data: { key: 'support.contact' }, output: `` }] },
      ],
    },
    // a whole request body on an event
    {
      code: `span.addEvent('payload', { 'request.content': req.body });`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'request.content', what: 'a whole request body', text: 'req.body' }, line: 1, column: 47, suggestions: [{ messageId: 'removeAttribute', data: { key: 'request.content' }, output: `span.addEvent('payload', {});` }] },
      ],
    },
    // the active span: no removal offered for a chained call
    {
      code: `trace.getActiveSpan()?.setAttribute('user.email', user.email);`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 1, column: 37, suggestions: [] },
      ],
    },
    // all request cookies
    {
      code: `span.setAttribute('session', req.cookies);`,
      errors: [
        { messageId: 'sensitiveValue', data: { key: 'session', what: 'all request cookies', text: 'req.cookies' }, line: 1, column: 30, suggestions: [{ messageId: 'removeAttribute', data: { key: 'session' }, output: `` }] },
      ],
    },
    // a secret on the span of a startActiveSpan callback with another name
    {
      code: `tracer.startActiveSpan('job', (active) => {
  active.setAttribute('webhook.secret', hookSecret);
  active.end();
});`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'webhook.secret', what: 'a secret' }, line: 2, column: 23, suggestions: [{ messageId: 'removeAttribute', data: { key: 'webhook.secret' }, output: `tracer.startActiveSpan('job', (active) => {
  active.end();
});` }] },
      ],
    },
    // the last property of a multi-line object
    {
      code: `span.setAttributes({
  'user.id': user.id,
  'user.email': user.email,
});`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'user.email', what: 'an email address' }, line: 3, column: 3, suggestions: [{ messageId: 'removeAttribute', data: { key: 'user.email' }, output: `span.setAttributes({
  'user.id': user.id,
});` }] },
      ],
    },
  ],
});
