export { t as findOrphans } from "./orphans-C6NB2cm5.js";
