export { u as toolHelp } from "./tools-_UcAhgWR.js";
