// Start GOV.UK Frontend's components (menu toggle, skip link, notification banners…).
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
