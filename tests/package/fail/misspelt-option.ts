import { mount } from "loyalty-badge";

// expect-error TS2561: 'varient' does not exist in type 'MountOptions'. Did you mean to write 'variant'?
mount(document.body, { userId: "alice@crowdtwist.com", varient: "compact" });
