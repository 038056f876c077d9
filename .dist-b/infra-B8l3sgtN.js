export { n as observeInfraUse } from "./infra-DOUGETG9.js";
