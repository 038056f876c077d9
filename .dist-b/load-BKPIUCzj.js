export { a as loadConfig } from "./load-CnUK0OiY.js";
