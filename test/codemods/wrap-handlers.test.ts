import { describe, expect, it } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { describeFixturePairs, discoverFixturePairs } from '../support/fixture-pairs.js';

const pairs = discoverFixturePairs('wrap-handlers');

describe('wrap-handlers fixtures', () => {
  it('has at least 30 input/output pairs', () => {
    expect(pairs.filter((pair) => pair.changes).length).toBeGreaterThanOrEqual(30);
  });

  describeFixturePairs(wrapHandlers, pairs, { options: { tracerName: 'my-service' } });
});
