export { t as devslotVersion } from "./version-0C7iIfkQ.js";
