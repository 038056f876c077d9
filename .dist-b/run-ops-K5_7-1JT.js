import "./print-plans-aYFkpyzp.js";
export { t as runOperations } from "./run-ops-B4Cm1-wE.js";
