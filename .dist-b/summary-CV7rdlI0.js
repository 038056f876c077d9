export { t as printSummary } from "./summary-ChCJVIC0.js";
