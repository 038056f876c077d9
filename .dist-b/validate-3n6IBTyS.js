export { m as validateConfig } from "./validate-CjURY_vT.js";
