import { describe, expect, it } from 'vitest';
import { CREDENTIAL_VALUE_PATTERNS, DEFAULT_REDACTOR_PATTERN, SENSITIVE_WORD_PATTERNS } from '../../src/catalog/sensitive-patterns.js';
import { findSensitiveWordPattern, matchesSensitiveWords, splitWords } from '../../src/lint/attribute-words.js';

describe('sensitive word patterns', () => {
  for (const pattern of SENSITIVE_WORD_PATTERNS) {
    it(`${pattern.id}: has examples on both sides`, () => {
      expect(pattern.examples.match.length).toBeGreaterThan(0);
      expect(pattern.examples.noMatch.length).toBeGreaterThan(0);
    });
    for (const example of pattern.examples.match) {
      it(`${pattern.id}: matches ${example}`, () => expect(matchesSensitiveWords(example, pattern)).toBe(true));
    }
    for (const example of pattern.examples.noMatch) {
      it(`${pattern.id}: does not match ${example}`, () => expect(matchesSensitiveWords(example, pattern)).toBe(false));
    }
  }

  it('leaves the network address keys of the semantic conventions alone, whatever pattern', () => {
    for (const key of ['client.address', 'server.address', 'network.peer.address', 'network.local.address', 'destination.address', 'source.address']) {
      expect(findSensitiveWordPattern(splitWords(key)), key).toBeUndefined();
    }
  });

  it('leaves token counts and ids alone, whatever pattern', () => {
    for (const key of ['gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'token_count', 'user.id', 'enduser.id', 'user.role', 'tenant.id', 'session.id']) {
      expect(findSensitiveWordPattern(splitWords(key)), key).toBeUndefined();
    }
  });
});

describe('splitting keys into words', () => {
  it('splits on dots, underscores, dashes and camelCase', () => {
    expect(splitWords('http.request.header.x-api-key')).toEqual(['http', 'request', 'header', 'x', 'api', 'key']);
    expect(splitWords('STRIPE_SECRET_KEY')).toEqual(['stripe', 'secret', 'key']);
    expect(splitWords('userEmailAddress')).toEqual(['user', 'email', 'address']);
    expect(splitWords('JWTToken')).toEqual(['jwt', 'token']);
  });
});

describe('credential value patterns', () => {
  for (const pattern of CREDENTIAL_VALUE_PATTERNS) {
    it(`${pattern.id}: has examples on both sides`, () => {
      expect(pattern.examples.match.length).toBeGreaterThan(0);
      expect(pattern.examples.noMatch.length).toBeGreaterThan(0);
    });
    for (const example of pattern.examples.match) {
      it(`${pattern.id}: matches ${JSON.stringify(example)}`, () => expect(pattern.pattern.test(example)).toBe(true));
    }
    for (const example of pattern.examples.noMatch) {
      it(`${pattern.id}: does not match ${JSON.stringify(example)}`, () => expect(pattern.pattern.test(example)).toBe(false));
    }
  }
});

describe('default redactor names', () => {
  it('recognises hashing, masking and redacting helpers', () => {
    for (const name of ['hash', 'hashEmail', 'redact', 'maskCard', 'anonymize', 'anonymise', 'sha256', 'digest', 'scrub', 'pseudonymize']) {
      expect(DEFAULT_REDACTOR_PATTERN.test(name), name).toBe(true);
    }
  });

  it('does not take ordinary helpers for redactors', () => {
    for (const name of ['format', 'normalize', 'toLowerCase', 'getUser', 'stringify', 'share']) {
      expect(DEFAULT_REDACTOR_PATTERN.test(name), name).toBe(false);
    }
  });
});
