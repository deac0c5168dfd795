export { evaluateCheck, checkFailures, type CheckedRun, type CheckReason, type CheckFailure } from '../../lib/content/check.ts';
