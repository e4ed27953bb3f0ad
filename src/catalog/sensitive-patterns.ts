/**
 * What personal data and secrets look like in attribute keys, value names and literal values, as plain data.
 * Keys and names are split into lowercase words on `.`, `_`, `-`, spaces and camelCase
 * (`http.request.header.x-api-key` → http request header x api key, `creds.apiKey` → creds api key)
 * and a pattern's word sequences are looked for among them.
 */

export interface PatternExamples {
  /** Inputs the pattern must match. */
  match: string[];
  /** Look-alikes it must not match. */
  noMatch: string[];
}

export interface SensitiveWordPattern {
  id: string;
  /** What the data is, for messages: "a password". */
  description: string;
  /** Word sequences, each written space-separated: `'api key'` matches `api_key`, `apiKey`, `x-api-key`. */
  words: readonly string[];
  /** Words that, right before the sequence, make it something else (`page token` is a pagination cursor). */
  notAfter?: readonly string[];
  examples: PatternExamples;
}

export const SENSITIVE_WORD_PATTERNS: readonly SensitiveWordPattern[] = [
  {
    id: 'password',
    description: 'a password',
    words: ['password', 'passwords', 'passwd', 'passphrase', 'passcode'],
    examples: { match: ['user.password', 'db_password', 'newPassword', 'auth.passphrase'], noMatch: ['user.has_password', 'password.length', 'password_changed_at', 'passport.strategy'] },
  },
  {
    id: 'pwd',
    description: 'a password',
    words: ['pwd'],
    // `process.env.PWD` is the working directory.
    notAfter: ['env'],
    examples: { match: ['login.pwd', 'userPwd'], noMatch: ['env.PWD', 'pwd.length'] },
  },
  {
    id: 'secret',
    description: 'a secret',
    words: ['secret', 'secrets', 'credential', 'credentials', 'client secret'],
    examples: { match: ['client_secret', 'webhook.secret', 'STRIPE_SECRET_KEY', 'aws.credentials'], noMatch: ['secret.name', 'secrets.count', 'secretary.id', 'credential.type'] },
  },
  {
    id: 'session',
    description: 'a session token',
    words: ['session token', 'session key', 'session secret', 'session cookie'],
    examples: { match: ['session.token', 'sessionKey', 'auth.session_secret'], noMatch: ['session.id', 'session.token_count', 'session.duration'] },
  },
  {
    id: 'token',
    description: 'a token',
    words: ['token', 'jwt', 'bearer'],
    notAfter: ['page', 'pagination', 'continuation', 'next', 'resume', 'sync', 'cancellation', 'max', 'input', 'output'],
    examples: {
      match: ['auth.token', 'access_token', 'refreshToken', 'github.token', 'user.jwt'],
      noMatch: [
        'gen_ai.usage.input_tokens',
        'token_count',
        'tokens',
        'next_page_token',
        'gen_ai.token.type',
        'token.expires_at',
        'tokenizer',
        'max_token',
        'llm.token_count.prompt',
        'jwt.kid',
        'jwt.public_key',
      ],
    },
  },
  {
    id: 'api-key',
    description: 'an API or access key',
    words: ['api key', 'apikey', 'access key', 'private key', 'secret key', 'signing key', 'encryption key', 'license key'],
    // A public or publishable key is meant to be shown.
    notAfter: ['public', 'publishable'],
    examples: {
      match: ['api.key', 'x-api-key', 'apiKey', 'aws.secret_access_key', 'private_key', 'AWS_ACCESS_KEY'],
      noMatch: ['api.key_id', 'api.version', 'cache.key', 'access.level', 'private_key.count', 'publicApiKey', 'stripe.publishable_access_key'],
    },
  },
  {
    id: 'authorization',
    description: 'an authorization header',
    words: ['authorization', 'proxy authorization', 'auth header'],
    examples: { match: ['http.request.header.authorization', 'authorization', 'auth_header'], noMatch: ['authorization.type', 'author', 'auth.method'] },
  },
  {
    id: 'cookie',
    description: 'a cookie',
    words: ['cookie', 'cookies'],
    examples: { match: ['http.request.header.cookie', 'set-cookie', 'req.cookies'], noMatch: ['cookie.present', 'cookies.count', 'cookie.name'] },
  },
  {
    id: 'payment-card',
    description: 'a payment card number',
    words: ['credit card', 'creditcard', 'card number', 'cardnumber', 'card pan', 'pan number', 'cvv', 'cvv2', 'cvc', 'card cvc', 'card security code'],
    examples: { match: ['payment.card_number', 'creditCard', 'card.cvv', 'cvc'], noMatch: ['card.last4', 'card.brand', 'card_number.length', 'credit.limit'] },
  },
  {
    id: 'national-id',
    description: 'a social security or national id number',
    words: ['ssn', 'social security', 'social security number', 'national id', 'national insurance number', 'passport number'],
    examples: { match: ['user.ssn', 'socialSecurityNumber', 'national_id'], noMatch: ['national.holiday', 'ssn.provided'] },
  },
  {
    id: 'email',
    description: 'an email address',
    words: ['email', 'emails', 'e mail', 'email address'],
    examples: { match: ['user.email', 'customerEmail', 'e-mail', 'contact.email_address'], noMatch: ['email.count', 'user.email_verified', 'email.domain', 'email.template', 'mailbox.size'] },
  },
  {
    id: 'phone',
    description: 'a phone number',
    words: ['phone', 'phones', 'telephone', 'phone number', 'mobile number', 'msisdn'],
    examples: { match: ['user.phone', 'phoneNumber', 'contact.mobile_number', 'msisdn'], noMatch: ['phone.verified', 'phone.type', 'headphone.model'] },
  },
  {
    id: 'birth-date',
    description: 'a date of birth',
    words: ['date of birth', 'dob', 'birth date', 'birthdate', 'birthday'],
    examples: { match: ['user.date_of_birth', 'dob', 'birthDate'], noMatch: ['birth.place_count', 'dob.provided'] },
  },
  {
    id: 'bank-account',
    description: 'a bank account number',
    words: ['iban', 'bank account', 'bank account number', 'routing number', 'account number'],
    examples: { match: ['payout.iban', 'bankAccount', 'account_number'], noMatch: ['account.id', 'bank.name', 'iban.valid'] },
  },
  {
    id: 'postal-address',
    description: 'a postal address',
    // Only postal addresses: `client.address`, `server.address`, `network.peer.address` are network endpoints.
    words: [
      'user address',
      'customer address',
      'shipping address',
      'billing address',
      'home address',
      'street address',
      'postal address',
      'mailing address',
      'delivery address',
      'residential address',
      'street',
      'zip code',
      'zipcode',
      'postcode',
      'postal code',
    ],
    examples: {
      match: ['user.address', 'shipping.address', 'billingAddress', 'customer.street', 'order.zip_code'],
      noMatch: ['client.address', 'server.address', 'network.peer.address', 'network.local.address', 'user.address_count', 'ip_address'],
    },
  },
];

/**
 * Words that, as the last word of a key or name after the sensitive part, mean it describes the thing
 * rather than carries it: `email.count`, `password.length`, `user.email_verified`, `token.type`.
 */
export const DESCRIPTIVE_SUFFIX_WORDS: readonly string[] = [
  'count', 'counts', 'total', 'length', 'len', 'size', 'present', 'exists', 'enabled', 'disabled', 'set', 'provided',
  'valid', 'invalid', 'validated', 'verified', 'required', 'missing', 'type', 'kind', 'id', 'ids', 'domain', 'expiry',
  'expires', 'expired', 'expiration', 'ttl', 'age', 'at', 'url', 'uri', 'endpoint', 'name', 'policy', 'strength', 'version',
  'format', 'algorithm', 'alg', 'scheme', 'source', 'status', 'state', 'error', 'errors', 'field', 'fields', 'label',
  'hash', 'hashed', 'digest', 'fingerprint', 'masked', 'redacted', 'encrypted', 'last4', 'brand', 'subject', 'template',
  'provider', 'sent', 'delivered', 'bounced', 'changed', 'rotated', 'reset', 'limit', 'used', 'usage', 'place', 'holiday',
  // Public identifiers of a secret: a JWT key id, an AWS ARN, the issuer and audience of a token.
  'kid', 'arn', 'issuer', 'iss', 'audience', 'aud',
];

/**
 * Words that, right after the sensitive part, make it a public identifier or a measure of it rather than the
 * secret: `jwt.public_key`, `llm.token_count.prompt`. Besides DESCRIPTIVE_SUFFIX_WORDS.
 */
export const NON_SECRET_NEXT_WORDS: readonly string[] = ['public', 'publishable'];

/** Words that, right before the sensitive part, make a yes/no or a number of it: `user.has_password`, `num_cookies`. */
export const DESCRIPTIVE_PREFIX_WORDS: readonly string[] = ['has', 'is', 'num', 'should', 'needs', 'requires', 'was', 'with', 'without', 'no'];

/** Request objects whose whole body, header or cookie bag must not become an attribute: `req.body`, `request.headers`. */
export const REQUEST_OBJECT_NAMES: readonly string[] = ['req', 'request', 'incomingRequest', 'rawRequest', 'httpRequest'];
export const REQUEST_BAG_NAMES: readonly string[] = ['body', 'rawBody', 'headers', 'rawHeaders', 'cookies', 'signedCookies'];

export interface CredentialValuePattern {
  id: string;
  description: string;
  pattern: RegExp;
  examples: PatternExamples;
}

/** String literals shaped like a credential, whatever key they are stored under. */
export const CREDENTIAL_VALUE_PATTERNS: readonly CredentialValuePattern[] = [
  {
    id: 'jwt',
    description: 'a JSON Web Token',
    pattern: /^eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*$/,
    examples: { match: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl'], noMatch: ['eyJ', 'header.payload.signature'] },
  },
  {
    id: 'bearer',
    description: 'an authorization header value',
    pattern: /^(?:Bearer|Basic|Token)\s+[\w+/=.~-]{8,}$/i,
    examples: { match: ['Bearer abcdef123456', 'Basic dXNlcjpwYXNzd29yZA=='], noMatch: ['Bearer', 'bearer token missing', 'Basic plan'] },
  },
  {
    id: 'stripe-key',
    description: 'a Stripe API key',
    // pk_ keys are publishable: meant to be shown in browsers.
    pattern: /^(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{10,}$/,
    examples: { match: ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'rk_test_51H8abcdefghij'], noMatch: ['sk_live_', 'task_live_reload', 'pk_live_51H8abcdefghijklmn'] },
  },
  {
    id: 'aws-access-key',
    description: 'an AWS access key id',
    pattern: /^(?:AKIA|ASIA)[0-9A-Z]{16}$/,
    examples: { match: ['AKIAIOSFODNN7EXAMPLE'], noMatch: ['AKIA', 'akiaiosfodnn7example'] },
  },
  {
    id: 'github-token',
    description: 'a GitHub token',
    pattern: /^(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})$/,
    examples: { match: ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'github_pat_11ABCDEFG0123456789abcdefghijklmnop'], noMatch: ['ghp_short', 'gh_repo'] },
  },
  {
    id: 'slack-token',
    description: 'a Slack token',
    pattern: /^xox[abposr]-[A-Za-z0-9-]{10,}$/,
    examples: { match: ['xoxb-123456789012-abcdefghij'], noMatch: ['xoxo', 'xoxb-'] },
  },
  {
    id: 'google-api-key',
    description: 'a Google API key',
    pattern: /^AIza[0-9A-Za-z_-]{35}$/,
    examples: { match: ['AIzaSyA1234567890abcdefghijklmnopqrstuv'], noMatch: ['AIza', 'AIzaShort'] },
  },
  {
    id: 'private-key',
    description: 'a private key',
    pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/,
    examples: { match: ['-----BEGIN RSA PRIVATE KEY-----\nMIIE'], noMatch: ['-----BEGIN CERTIFICATE-----', 'private key'] },
  },
  {
    id: 'email-address',
    description: 'an email address',
    pattern: /^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}$/,
    examples: { match: ['alice@example.com', 'bob.smith+test@mail.co.uk'], noMatch: ['@example.com', 'user@localhost', 'not an email'] },
  },
];

/** Calls whose name matches this make a value safe to attach: `hash(email)`, `redact(token)`, `sha256(x)`, `maskCard(pan)`. */
export const DEFAULT_REDACTOR_PATTERN =
  /[Hh]ash|HASH|[Rr]edact|REDACT|[Mm]ask|MASK|[Aa]nonymi[sz]e|[Ss][Hh][Aa]\d+|^sha$|^sha[A-Z_]|[Dd]igest|[Ss]crub|[Pp]seudonymi[sz]e|[Tt]okeni[sz]e|[Oo]bfuscate|[Ee]ncrypt/;
