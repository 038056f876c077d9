/** Commands hold a slot's lock around planning and applying; the lock itself is the lock adapter's. */
export { withInfraLock, withSlotLock } from '../adapters/lock.js';
