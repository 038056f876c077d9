export { t as acquireFileLock } from "./lock-C527eXAj.js";
