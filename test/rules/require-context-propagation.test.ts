import rule from '../../rules/require-context-propagation.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './require-context-propagation.cases.js';

// The cases live in a module of their own so the catalog coverage test can read them too.
createRuleTester().run('require-context-propagation', rule, { valid, invalid });
