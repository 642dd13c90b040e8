// Loaded last on the embed example page of the engine checks: hands the tests the page's own
// instance of the bundle, and an import() that runs in the page. (In Firefox, a WebDriver script
// runs in a sandbox of its own, where import() loads a second instance of the bundle.)
import * as bundle from "../embed/loyalty-badge.js";

window.__bundle = bundle;
window.__import = (url) => import(url);
