export { t as COPY_USAGE } from "./copy-args-Cjw2NDmt.js";
