export { n as setCommandInterrupt } from "./interrupt-CjKGw8tT.js";
