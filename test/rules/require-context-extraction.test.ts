import rule from '../../rules/require-context-extraction.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './require-context-extraction.cases.js';

// The cases live in a module of their own so the catalog coverage test can read them too.
createRuleTester().run('require-context-extraction', rule, { valid, invalid });
