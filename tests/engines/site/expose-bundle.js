// The page's instance of the bundle, for the tests (see harness.mjs: never import() it from a
// WebDriver script).
import * as bundle from "../embed/loyalty-badge.js";

window.__bundle = bundle;
