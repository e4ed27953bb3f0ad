import { describe, expect, it } from 'vitest';
import { injectPropagation } from '../../codemods/inject-propagation.js';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { createCallShapeTest, createExportedNameTest, createModuleImportTest } from '../../src/transform/source-prefilter.js';

const options = { tracerName: 'svc' };

describe('createModuleImportTest', () => {
  const importsExpress = createModuleImportTest(['express', '@aws-sdk/client-sqs']);

  it('finds imports, requires and dynamic imports of a module or a subpath of it', () => {
    // Every way a collector (or a bundler) can reach the module.
    expect(importsExpress("import express from 'express';")).toBe(true);
    expect(importsExpress('import "express";')).toBe(true);
    expect(importsExpress("export { Router } from 'express';")).toBe(true);
    expect(importsExpress("const express = require ( 'express/lib/router' );")).toBe(true);
    expect(importsExpress("const sqs = await import('@aws-sdk/client-sqs');")).toBe(true);
    expect(importsExpress("import type { SQSClient } from\n  '@aws-sdk/client-sqs';")).toBe(true);
  });

  it('does not take a mention, a longer name or another scope for an import', () => {
    // Names in comments and strings, packages that only start with the name.
    expect(importsExpress('// an express server, see express docs')).toBe(false);
    expect(importsExpress("log('express');")).toBe(false);
    expect(importsExpress("import session from 'express-session';")).toBe(false);
    expect(importsExpress("import x from '@aws-sdk/client-sqs-extra';")).toBe(false);
  });
});

describe('createCallShapeTest and createExportedNameTest', () => {
  it('wants the method call, a receiver-like name and every key', () => {
    const test = createCallShapeTest({ methodNames: ['send'], receiver: /producer/i, requiredKeys: ['topic', 'messages'] });
    expect(test('await this.producer.send({ topic, messages: [m] });')).toBe(true);
    expect(test('await producer.send({ topic });')).toBe(false);
    expect(test('socket.send({ topic, messages });')).toBe(false);
  });

  it('finds a declaration under the name, not a longer name or a property', () => {
    const test = createExportedNameTest(['handler']);
    expect(test('export const handler = async (event) => {};')).toBe(true);
    expect(test('export async function handler(event) {}')).toBe(true);
    expect(test('module.exports.handler = async (event) => {};')).toBe(true);
    expect(test('const errorHandler = () => {}; options.handler = f;')).toBe(false);
  });
});

describe('the transforms’ text tests', () => {
  it('let through only files where the catalog can match, using the path and options when given', () => {
    // A utility module that talks about events and handlers but imports no framework and exports no Lambda handler.
    const util = 'export function onEvent(handler: (event: Event) => void) { return handler; }\n';
    expect(wrapHandlers.mayApply(util, { path: '/src/util.ts', options })).toBe(false);
    expect(injectPropagation.mayApply(util)).toBe(false);
    // Next.js route handlers count only in a route file.
    const route = 'export async function GET(request: Request) { return Response.json({}); }\n';
    expect(wrapHandlers.mayApply(route, { path: '/web/app/users/route.ts', options })).toBe(true);
    expect(wrapHandlers.mayApply(route, { path: '/web/lib/users.ts', options })).toBe(false);
    // Configured Lambda export names replace the defaults.
    const nightly = 'export const nightly = async () => {};\n';
    expect(wrapHandlers.mayApply(nightly, { path: '/jobs.ts', options })).toBe(false);
    expect(wrapHandlers.mayApply(nightly, { path: '/jobs.ts', options: { ...options, lambdaExportNames: ['nightly'] } })).toBe(true);
    // A kafkajs producer handed in from elsewhere is found by its call's shape; an untyped SQS Lambda by its event type.
    expect(injectPropagation.mayApply('export const publish = (producer) => producer.send({ topic: "t", messages: [] });\n')).toBe(true);
    expect(injectPropagation.mayApply('export const handler = async (event: SQSEvent) => {};\n')).toBe(true);
  });
});
