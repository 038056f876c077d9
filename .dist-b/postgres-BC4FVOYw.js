import { r as ownerMark, t as foreignMark } from "./owner-mark-reuyIykf.js";
import { a as dropPostgres, c as foreignPostgres, d as postgresExists, f as verifierMatches, i as databaseOwner, l as isTransient, n as checkName, o as ensurePostgres, p as withAdmin, r as databaseComment, s as ensureRole, t as ENSURE_LOCK_KEY, u as markOwner } from "./postgres-CfEc_-Bo.js";
export { ENSURE_LOCK_KEY, checkName, databaseComment, databaseOwner, dropPostgres, ensurePostgres, ensureRole, foreignMark, foreignPostgres, isTransient, markOwner, ownerMark, postgresExists, verifierMatches, withAdmin };
