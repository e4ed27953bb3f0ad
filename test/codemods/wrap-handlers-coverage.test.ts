import { describe, expect, it } from 'vitest';
import { HTTP_ENTRY_POINTS } from '../../src/catalog/entry-points.js';
import { CONSUME_OPERATIONS } from '../../src/catalog/messaging/index.js';
import { discoverFixturePairs } from '../support/fixture-pairs.js';

// Every entry of the catalogs the codemod reads is shown by a fixture, so a new entry comes with its fixture.
const changed = discoverFixturePairs('wrap-handlers')
  .filter((fixture) => fixture.changes)
  .map((fixture) => ({ ...fixture, output: fixture.expected }));

function importsModule(source: string, modules: readonly string[]): boolean {
  return modules.some((name) => source.includes(`'${name}'`) || source.includes(`"${name}"`));
}

describe('wrap-handlers fixtures cover the catalogs', () => {
  it.each(HTTP_ENTRY_POINTS.map((entry) => [`${entry.framework} ${entry.kind}`, entry] as const))('%s', (_name, entry) => {
    const covering = changed.filter((fixture) =>
      entry.kind === 'file-route' ? entry.filePattern.test(fixture.sourcePath) : importsModule(fixture.input, entry.modules) && fixture.output.includes("'http.route'"),
    );
    if (entry.kind === 'route-object') expect(covering.some((fixture) => fixture.input.includes(`.${entry.methodNames[0]}({`))).toBe(true);
    else expect(covering.length).toBeGreaterThan(0);
  });

  // kafkajs eachBatch hands the handler a batch: wrap-handlers leaves it with a note rather than one span for many producers.
  const unread = new Set(['kafkajs:consumer.run.eachBatch']);
  it.each(CONSUME_OPERATIONS.filter((operation) => !unread.has(operation.id)).map((operation) => [operation.id, operation] as const))(
    '%s',
    (_id, operation) => {
      const covering = changed.filter((fixture) => importsModule(fixture.input, operation.modules) && fixture.output.includes(`'messaging.system.name': '${operation.system}'`));
      expect(covering.length).toBeGreaterThan(0);
    },
  );
});
