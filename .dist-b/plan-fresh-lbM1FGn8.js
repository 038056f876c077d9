export { n as planFresh } from "./plan-fresh-DPShJpKQ.js";
