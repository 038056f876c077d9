export { t as execute } from "./executor-Coso-6ZW.js";
