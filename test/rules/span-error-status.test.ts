import rule from '../../rules/span-error-status.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('span-error-status', rule, {
  valid: [
    // an Express handler whose span ends with the response: the answer's status code decides ERROR, so a catch that
    // hands the error to next() only records it (the error handler may answer it with a 4xx)
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
router.get('/orders/:id', (req, res, next) => {
  tracer.startActiveSpan('GET /orders/:id', async (span) => {
    try {
      try {
        res.json(await orders.find(req.params.id));
      } catch (err) {
        span.recordException(err);
        next(err);
      }
    } finally {
      res.once('close', () => {
        if (!res.headersSent || res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    }
  });
});`,
    // a test file: mocha's done(err) hands the failure to the test runner, not to a production trace
    {
      code: `const tracer = trace.getTracer('test');
it('fails', (done) => {
  const span = tracer.startSpan('op');
  try {
    run();
  } catch (err) {
    done(err);
  } finally {
    span.end();
  }
});`,
      filename: 'src/__tests__/op.spec.js',
    },
    // a local closure that captures the span records the error and sets the status
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('storage');
export async function upload(file) {
  const span = tracer.startSpan('storage.upload');
  const fail = (error) => {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  };
  try {
    await put(file);
  } catch (error) {
    fail(error);
    throw error;
  } finally {
    span.end();
  }
}`,
    // a catch that passes the error on from a tracer of another package is that package's business
    `import { tracer } from 'k6/x/otel';
export function step() {
  const span = tracer.startSpan('step');
  try {
    run();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
    // records the exception and sets ERROR before rethrowing
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    throw error;
  } finally {
    span.end();
  }
});`,
    // the numeric status code 2 is ERROR
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus({ code: 2 });
    throw error;
  } finally {
    span.end();
  }
});`,
    // a catch that handles the error and does not pass it on
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    logger.warn('retrying', error);
    return fallback();
  } finally {
    span.end();
  }
});`,
    // a catch that swallows the error entirely
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    return null;
  } finally {
    span.end();
  }
});`,
    // the span is handed to a helper that records the error
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
});`,
    // through the active span: trace.getActiveSpan()
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    trace.getActiveSpan()?.recordException(error);
    trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
});`,
    // a try outside any span
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
async function f() {
  try {
    await doWork();
  } catch (error) {
    throw new Error('failed', { cause: error });
  }
}`,
    // a catch after the span has already ended
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
async function f() {
  const span = tracer.startSpan('work');
  span.end();
  try {
    await doWork();
  } catch (error) {
    throw error;
  }
}`,
    // startSpan span: both calls present, with a new error thrown
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw new Error('wrapped');
  } finally {
    span.end();
  }
}`,
    // an inner rethrow caught by an outer catch that records the error
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
    } catch (error) {
      cleanup();
      throw error;
    }
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}`,
    // promise .catch that records and rethrows
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return tracer.startActiveSpan('work', (span) =>
    doWork()
      .catch((error) => {
        span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      })
      .finally(() => span.end()),
  );
}`,
    // promise .catch that recovers
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return tracer.startActiveSpan('work', (span) =>
    doWork()
      .catch(() => null)
      .finally(() => span.end()),
  );
}`,
    // a callback called with something other than the error
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    callback(null, fallback);
  } finally {
    span.end();
  }
});`,
    // a status object built elsewhere is given the benefit of the doubt
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus(errorStatus(error));
    throw error;
  } finally {
    span.end();
  }
});`,
    // a status code held in a variable is not judged
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus({ code: statusFor(error) });
    throw error;
  } finally {
    span.end();
  }
});`,
    // the throw is inside a nested function, not the catch itself
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  } finally {
    span.end();
  }
});`,
    // a catch inside a nested callback is out of the span function
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', (span) => {
  try {
    items.forEach((item) => {
      try {
        handle(item);
      } catch (error) {
        throw error;
      }
    });
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
});`,
    // namespace import: api.SpanStatusCode.ERROR
    `import * as api from '@opentelemetry/api';
const tracer = api.trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: api.SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}`,
    // a catch with no span in the function
    `function f() {
  try {
    doWork();
  } catch (error) {
    throw error;
  }
}`,
    // startSpan on something that is not a tracer
    `function f(builder) {
  const span = builder.startSpan('x');
  try {
    doWork();
  } catch (error) {
    throw error;
  }
}`,
    // records and sets status through optional chaining on the span
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span?.recordException(error);
    span?.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
});`,
    // order does not matter
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.recordException(error);
    throw error;
  } finally {
    span.end();
  }
});`,
    // error passed to next() after recording
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function handler(req, res, next) {
  const span = tracer.startSpan('handler');
  try {
    route(req, res);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    next(err);
  } finally {
    span.end();
  }
}`,
    // Promise.reject returned after recording
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    return Promise.reject(error);
  } finally {
    span.end();
  }
});`,
    // a catch that logs and returns a value: handled
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    console.error(error);
    return { ok: false };
  } finally {
    span.end();
  }
});`,
    // startSpanFunctions: a custom span recorded properly
    {
      code: `function f() {
  const span = startInactiveSpan({ name: 'work' });
  try {
    doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: 2 });
    throw error;
  } finally {
    span.end();
  }
}`,
      options: [{"startSpanFunctions": ["startInactiveSpan"]}],
    },
    // a custom start function that is not configured is not a span
    `function f() {
  const span = startInactiveSpan({ name: 'work' });
  try {
    doWork();
  } catch (error) {
    throw error;
  }
}`,
    // the span goes into a helper together with the error
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
});`,
    // a class method with both calls
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
class Repo {
  async save(entity) {
    const span = tracer.startSpan('repo.save');
    try {
      await this.db.insert(entity);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }
}`,
    // a catch whose callback call passes a different value
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    done(undefined);
  } finally {
    span.end();
  }
});`,
    // TODO: should report: the error is passed on by a call to an arbitrary function we cannot see into
    `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    rethrowLater(error);
  } finally {
    span.end();
  }
});`,
  ],
  invalid: [
    // the finally sets ERROR from something else than the answer's status code: the hand-off still needs its status
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
router.get('/orders/:id', (req, res, next) => {
  tracer.startActiveSpan('GET /orders/:id', async (span) => {
    try {
      try {
        res.json(await orders.find(req.params.id));
      } catch (err) {
        span.recordException(err);
        next(err);
      }
    } finally {
      if (!res.headersSent) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  });
});`,
      errors: [{ messageId: 'missingErrorStatus', data: {"how": "passes it to next()", "name": "'GET /orders/:id'"}, line: 8, column: 9, suggestions: [{ messageId: 'addErrorRecording', data: {"span": "span"}, output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
router.get('/orders/:id', (req, res, next) => {
  tracer.startActiveSpan('GET /orders/:id', async (span) => {
    try {
      try {
        res.json(await orders.find(req.params.id));
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
        span.recordException(err);
        next(err);
      }
    } finally {
      if (!res.headersSent) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  });
});` }] }],
    },
    // an inner catch hands the error to Express's next(): the outer catch that records it never runs
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
router.get('/orders/:id', async (req, res, next) => {
  const span = tracer.startSpan('GET /orders/:id');
  try {
    try {
      res.json(await orders.find(req.params.id));
    } catch (err) {
      next(err);
    }
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
});`,
      errors: [{ messageId: 'missingBoth', data: {"how": "passes it to next()", "name": "'GET /orders/:id'"}, line: 8, column: 7, suggestions: [{ messageId: 'addErrorRecording', data: {"span": "span"}, output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('orders');
router.get('/orders/:id', async (req, res, next) => {
  const span = tracer.startSpan('GET /orders/:id');
  try {
    try {
      res.json(await orders.find(req.params.id));
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      next(err);
    }
  } catch (err) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
});` }] }],
    },
    // a catch callback that rejects through a new promise sets the status but never records the exception
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('jobs');
export function enqueue(job) {
  const span = tracer.startSpan('jobs.enqueue');
  return send(job)
    .catch((e) => new Promise((_, reject) => {
      span.setStatus({ code: SpanStatusCode.ERROR });
      reject(e);
    }))
    .finally(() => span.end());
}`,
      errors: [{ messageId: 'missingRecordException', data: {"how": "passes it to reject()", "name": "'jobs.enqueue'"}, line: 6, column: 6, suggestions: [] }],
    },
    // rethrows without either call
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // records the exception but never sets ERROR
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingErrorStatus', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.recordException(error);
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // sets ERROR but never records the exception
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingRecordException', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // a status of OK is not an error status
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.OK });
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingErrorStatus', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.OK });
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // numeric status 1 is OK, not ERROR
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus({ code: 1 });
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingErrorStatus', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.recordException(error);
    span.setStatus({ code: 1 });
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // throws a new error
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    throw new Error('work failed');
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "throws a new error", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw new Error('work failed');
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // returns a rejected promise
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    return Promise.reject(error);
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "returns a rejected promise", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    return Promise.reject(error);
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // passes the error to an error-first callback
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f(callback) {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    callback(error);
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "passes it to callback()", "name": "'work'"}, line: 7, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f(callback) {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    callback(error);
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // passes the error to Express's next()
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function handler(req, res, next) {
  const span = tracer.startSpan('handler');
  try {
    route(req, res);
  } catch (err) {
    next(err);
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "passes it to next()", "name": "'handler'"}, line: 7, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function handler(req, res, next) {
  const span = tracer.startSpan('handler');
  try {
    route(req, res);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
    next(err);
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // rejects a wrapping promise with the error
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return new Promise((resolve, reject) => {
    const span = tracer.startSpan('work');
    try {
      resolve(doWork());
    } catch (error) {
      reject(error);
    } finally {
      span.end();
    }
  });
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "passes it to reject()", "name": "'work'"}, line: 8, column: 7, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return new Promise((resolve, reject) => {
    const span = tracer.startSpan('work');
    try {
      resolve(doWork());
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      reject(error);
    } finally {
      span.end();
    }
  });
}` }] },
      ],
    },
    // promise .catch that rethrows
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return tracer.startActiveSpan('work', (span) =>
    doWork()
      .catch((error) => {
        throw error;
      })
      .finally(() => span.end()),
  );
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 8, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return tracer.startActiveSpan('work', (span) =>
    doWork()
      .catch((error) => {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      })
      .finally(() => span.end()),
  );
}` }] },
      ],
    },
    // promise .catch whose arrow returns Promise.reject
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return tracer.startActiveSpan('work', (span) =>
    doWork()
      .catch((error) => Promise.reject(error))
      .finally(() => span.end()),
  );
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "returns a rejected promise", "name": "'work'"}, line: 6, column: 8, suggestions: [] },
      ],
    },
    // startSpan span with a catch that rethrows
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('charge');
  try {
    charge();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'charge'"}, line: 7, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('charge');
  try {
    charge();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a rethrow in only one branch still propagates
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    if (isRetryable(error)) return retry();
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    if (isRetryable(error)) return retry();
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // logging is not recording on the span
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    logger.error(error);
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    logger.error(error);
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // a catch without a binding that throws
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch {
    throw new Error('failed');
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "throws a new error", "name": "'work'"}, line: 6, column: 5, suggestions: [] },
      ],
    },
    // nested spans: the inner span is the one open at the catch
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const outer = tracer.startSpan('outer');
  try {
    const inner = tracer.startSpan('inner');
    try {
      doWork();
    } catch (error) {
      outer.recordException(error as Error);
      outer.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      inner.end();
    }
  } finally {
    outer.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'inner'"}, line: 9, column: 7, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const outer = tracer.startSpan('outer');
  try {
    const inner = tracer.startSpan('inner');
    try {
      doWork();
    } catch (error) {
      inner.recordException(error as Error);
      inner.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      outer.recordException(error as Error);
      outer.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      inner.end();
    }
  } finally {
    outer.end();
  }
}` }] },
      ],
    },
    // inner rethrow and an outer catch that also only rethrows
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
    } catch (error) {
      throw error;
    }
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 8, column: 7, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}` }] },
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 11, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    try {
      doWork();
    } catch (error) {
      throw error;
    }
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // class method rethrowing
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
class Repo {
  async save(entity) {
    const span = tracer.startSpan('repo.save');
    try {
      await this.db.insert(entity);
    } catch (error) {
      throw error;
    } finally {
      span.end();
    }
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'repo.save'"}, line: 8, column: 7, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
class Repo {
  async save(entity) {
    const span = tracer.startSpan('repo.save');
    try {
      await this.db.insert(entity);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  }
}` }] },
      ],
    },
    // startSpanFunctions: a custom span that rethrows
    {
      code: `import { SpanStatusCode } from '@opentelemetry/api';
function f() {
  const span = startInactiveSpan({ name: 'work' });
  try {
    doWork();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
      options: [{"startSpanFunctions": ["startInactiveSpan"]}],
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "{ name: 'work' }"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { SpanStatusCode } from '@opentelemetry/api';
function f() {
  const span = startInactiveSpan({ name: 'work' });
  try {
    doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // tracer named by a Tracer-typed parameter
    {
      code: `import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
function f(t: Tracer) {
  const span = t.startSpan('work');
  try {
    doWork();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
function f(t: Tracer) {
  const span = t.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a sync startActiveSpan callback
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('parse', (span) => {
  try {
    return parse(input);
  } catch (error) {
    span.recordException(error as Error);
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingErrorStatus', data: {"how": "rethrows it", "name": "'parse'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('parse', (span) => {
  try {
    return parse(input);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.recordException(error as Error);
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // active span through getActiveSpan only records
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    trace.getActiveSpan()?.recordException(error);
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingErrorStatus', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    trace.getActiveSpan()?.recordException(error);
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // an error callback named done
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f(done) {
  const span = tracer.startSpan('work');
  try {
    doWork();
    done();
  } catch (e) {
    done(e);
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "passes it to done()", "name": "'work'"}, line: 8, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f(done) {
  const span = tracer.startSpan('work');
  try {
    doWork();
    done();
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
    done(e);
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a namespace import: the suggestion uses api.SpanStatusCode
    {
      code: `import * as api from '@opentelemetry/api';
const tracer = api.trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 7, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import * as api from '@opentelemetry/api';
const tracer = api.trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: api.SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // SpanStatusCode not imported: still reported, no suggestion offered for the status
    {
      code: `const tracer = trace.getTracer('svc');
function f() {
  const span = tracer.startSpan('work');
  try {
    doWork();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [] },
      ],
    },
    // a rethrow of a wrapped error with cause
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    throw new WorkError('work failed', { cause: error });
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "throws a new error", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw new WorkError('work failed', { cause: error });
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // an async method on an object literal
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
export const service = {
  async run() {
    const span = tracer.startSpan('service.run');
    try {
      await step();
    } catch (error) {
      throw error;
    } finally {
      span.end();
    }
  },
};`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'service.run'"}, line: 8, column: 7, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
export const service = {
  async run() {
    const span = tracer.startSpan('service.run');
    try {
      await step();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  },
};` }] },
      ],
    },
    // a loop body with its own catch
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
async function f(items) {
  const span = tracer.startSpan('batch');
  try {
    for (const item of items) {
      try {
        await handle(item);
      } catch (error) {
        throw error;
      }
    }
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'batch'"}, line: 9, column: 9, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
async function f(items) {
  const span = tracer.startSpan('batch');
  try {
    for (const item of items) {
      try {
        await handle(item);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    }
  } finally {
    span.end();
  }
}` }] },
      ],
    },
    // a status with only a message is not an error status
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.recordException(error);
    span.setStatus({ message: 'failed' });
    throw error;
  } finally {
    span.end();
  }
});`,
      errors: [
        { messageId: 'missingErrorStatus', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
tracer.startActiveSpan('work', async (span) => {
  try {
    await doWork();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.recordException(error);
    span.setStatus({ message: 'failed' });
    throw error;
  } finally {
    span.end();
  }
});` }] },
      ],
    },
    // a function expression as the .catch handler
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return tracer.startActiveSpan('work', (span) =>
    doWork()
      .catch(function (error) {
        span.recordException(error);
        throw error;
      })
      .finally(() => span.end()),
  );
}`,
      errors: [
        { messageId: 'missingErrorStatus', data: {"how": "rethrows it", "name": "'work'"}, line: 6, column: 8, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function f() {
  return tracer.startActiveSpan('work', (span) =>
    doWork()
      .catch(function (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        span.recordException(error);
        throw error;
      })
      .finally(() => span.end()),
  );
}` }] },
      ],
    },
    // a generator with a catch that rethrows
    {
      code: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function* g() {
  const span = tracer.startSpan('gen');
  try {
    yield step();
  } catch (error) {
    throw error;
  } finally {
    span.end();
  }
}`,
      errors: [
        { messageId: 'missingBoth', data: {"how": "rethrows it", "name": "'gen'"}, line: 7, column: 5, suggestions: [{ messageId: 'addErrorRecording', output: `import { trace, SpanStatusCode } from '@opentelemetry/api';
const tracer = trace.getTracer('svc');
function* g() {
  const span = tracer.startSpan('gen');
  try {
    yield step();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}` }] },
      ],
    },
  ],
});
