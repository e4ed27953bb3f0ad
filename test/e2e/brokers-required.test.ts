import { afterEach, describe, expect, it } from 'vitest';
import { brokerUrls, requireBroker } from '../support/brokers.js';

const saved = { ...brokerUrls };

afterEach(() => {
  Object.assign(brokerUrls, saved);
});

describe('requireBroker', () => {
  it('fails, never skips, when a broker is not reachable, and says where it was expected to come from', async () => {
    // Port 1 on loopback: nothing listens there.
    brokerUrls.redis = 'redis://127.0.0.1:1';
    const hint = process.env.OTEL_CODEMOD_REQUIRE_BROKERS === '1' ? /check the output of \.ci\/start-brokers/ : /npm test starts the brokers whose OTEL_CODEMOD_\*_URL variable is unset/;
    await expect(requireBroker('redis')).rejects.toThrow(/^redis is not reachable at 127\.0\.0\.1:1 \(redis:\/\/127\.0\.0\.1:1\); /);
    await expect(requireBroker('redis')).rejects.toThrow(hint);
  });
});
