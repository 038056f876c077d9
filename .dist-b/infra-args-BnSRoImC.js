export { t as INFRA_USAGE } from "./infra-args-CyNN3IWW.js";
