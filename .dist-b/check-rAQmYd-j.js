export { t as checkCommand, n as checkSlots, r as warnOrRefuse } from "./check-C-eB8XxJ.js";
