export { n as recoverCopies } from "./copy-D2KbCVMa.js";
