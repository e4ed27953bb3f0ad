/** The plain facts `otel-codemod report` is built from; part of the JSON schema documented in docs/report.md. */

/** A destination as the code shows it: a string, a `process.env` name, or a template literal's constant prefix. */
export interface Destination {
  kind: 'literal' | 'env' | 'prefix';
  value: string;
}

export type ContextVerdict = 'carried' | 'missing' | 'unknown';

export interface MessagingFact {
  kind: 'publish' | 'consume';
  /** The catalog's operation id, e.g. `aws-sdk:sqs.SendMessage`. */
  operation: string;
  library: string;
  /** `messaging.system.name`, e.g. `aws.sqs`, `kafka`, `rabbitmq`. */
  system: string;
  destination: Destination | undefined;
  /**
   * Publish: injects a carrier; consume: starts a span that continues the extracted context. `unknown` where the
   * rules claim nothing (the carrier or the span's parent comes from code they cannot follow).
   */
  context: ContextVerdict;
  /** Consume only: whether the handler starts a span at all. */
  inSpan?: boolean;
  /** Why the context is not carried, in the propagation rules' words. */
  reason?: string;
  file: string;
  line: number;
}

export interface EntryPointFact {
  kind: 'http' | 'lambda' | 'consumer';
  /** `GET /orders`, the Lambda export, or the consumer's operation. */
  name: string;
  inSpan: boolean;
  /** Consumers only: whether the span continues the producer's context. */
  context?: ContextVerdict;
  file: string;
  line: number;
}
