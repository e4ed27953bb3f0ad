import { afterEach, describe, expect, it } from 'vitest';
import { brokerUrls, requireBroker } from '../support/brokers.js';

const saved = { ...brokerUrls };

afterEach(() => {
  Object.assign(brokerUrls, saved);
});

describe('requireBroker', () => {
  it('fails, never skips, when a broker is not reachable, and says how to start one', async () => {
    // Port 1 on loopback: nothing listens there.
    brokerUrls.redis = 'redis://127.0.0.1:1';
    await expect(requireBroker('redis')).rejects.toThrow(/redis is not reachable at 127\.0\.0\.1:1 .*(start-brokers)/);
  });
});
