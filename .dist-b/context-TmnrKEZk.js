export { r as onSlotEngine } from "./context-DABbsf0u.js";
