export { r as stopCommand, i as stopInfraIfUnused } from "./stop-DfK2lkXp.js";
