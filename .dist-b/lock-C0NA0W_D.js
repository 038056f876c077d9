import "./lock-C527eXAj.js";
export {};
