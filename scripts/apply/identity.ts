/** This checkout's identity for engine claims (issue 11); see adapters/identity.ts. */
export { checkoutIdentity } from '../adapters/identity.js';
