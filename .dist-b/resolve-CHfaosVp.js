export { t as resolveTarget } from "./resolve-g44Te2FS.js";
